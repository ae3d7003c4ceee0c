package dev.gust.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentEncodingTest {

    @Test
    void acceptsTargetsWhoseEscapesAreTwoHexDigits() {
        assertThat(PercentEncoding.decodes("/2015-03-31/functions/a%2Fb%20c%e2%82%AC")).isTrue();
        assertThat(PercentEncoding.decodes("Qualifier=%24LATEST&Marker=")).isTrue();
        assertThat(PercentEncoding.decodes(null)).isTrue();
    }

    @Test
    void refusesStrayOrShortEscapes() {
        assertThat(PercentEncoding.decodes("/functions/%zz")).isFalse();
        assertThat(PercentEncoding.decodes("/functions/%")).isFalse();
        assertThat(PercentEncoding.decodes("/functions/%4")).isFalse();
        assertThat(PercentEncoding.decodes("a=%G0")).isFalse();
    }
}
