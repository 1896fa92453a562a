package org.confbridge.interfaces.rest.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellTest {

    @Test
    void quotesAsRfc4180AndDefusesFormulas() {
        assertThat(ConferenceRecordResource.cell(null)).isEmpty();
        assertThat(ConferenceRecordResource.cell("alice")).isEqualTo("alice");
        assertThat(ConferenceRecordResource.cell("Smith, Bob")).isEqualTo("\"Smith, Bob\"");
        assertThat(ConferenceRecordResource.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ConferenceRecordResource.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(ConferenceRecordResource.cell("+15550100")).isEqualTo("'+15550100");
        assertThat(ConferenceRecordResource.cell(-1.5)).isEqualTo("-1.5");
    }
}
