package dev.gust.sqs;

import scala.Option;

/** Conversions between Scala's {@link Option} (ElasticMQ's types) and Java's nullable values. Stateless. */
final class ScalaOptions {

    private ScalaOptions() {
    }

    static <T> T orNull(Option<T> option) {
        return option.isDefined() ? option.get() : null;
    }

    static <T> Option<T> of(T value) {
        return Option.apply(value);
    }
}
