package io.mockupaws.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordShapeTest {

    record Line(String dimension, long quantity) {}

    record Bill(List<Line> lines, Map<String, Bill> parts) {}

    @Test
    void theShapeNamesEveryComponentAndItsTypeDownThroughNestedRecords() {
        String bill = RecordShape.shape(Bill.class);
        assertThat(bill).contains("lines:java.util.List<" + Line.class.getName() + "{dimension:java.lang.String;quantity:long;},>;")
                .contains("parts:java.util.Map<java.lang.String," + Bill.class.getName() + ",>;");
        assertThat(RecordShape.fingerprint(Bill.class)).hasSize(16).isEqualTo(RecordShape.fingerprint(Bill.class))
                .isNotEqualTo(RecordShape.fingerprint(Line.class));
    }
}
