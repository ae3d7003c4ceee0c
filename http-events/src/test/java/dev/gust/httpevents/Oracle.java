package dev.gust.httpevents;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/**
 * The typed oracle: aws-lambda-java-events types through the serializers the runtime interface client uses for them.
 */
final class Oracle {

    private Oracle() {
    }

    /** {@code json} as the RIC hands it to a handler typed with {@code type}. */
    static <T> T read(byte[] json, Class<T> type) {
        PojoSerializer<T> serializer = LambdaEventSerializers.serializerFor(type, Oracle.class.getClassLoader());
        return serializer.fromJson(new ByteArrayInputStream(json));
    }

    /** {@code value} as the RIC posts a handler's answer of that type. */
    @SuppressWarnings("unchecked")
    static <T> byte[] write(T value) {
        PojoSerializer<T> serializer = LambdaEventSerializers.serializerFor((Class<T>) value.getClass(),
                Oracle.class.getClassLoader());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(value, out);
        return out.toByteArray();
    }
}
