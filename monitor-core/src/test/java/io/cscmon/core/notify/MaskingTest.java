package io.cscmon.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What leaves the bank's network in a notification (issue 12). */
class MaskingTest {

  @Test
  void phoneNumbersKeepTheirFirstThreeAndLastFourDigits() {
    assertThat(Masking.mask("from 13812345678")).isEqualTo("from 138****5678");
    assertThat(Masking.mask("ANI +8613812345678,")).isEqualTo("ANI +86138****5678,");
    assertThat(Masking.mask("call 021-61234567")).isEqualTo("call 021-****4567");
    assertThat(Masking.mask("ani=95588123")).isEqualTo("ani=955*8123");
  }

  @Test
  void accountAndCardNumbersKeepTheirLastFourDigits() {
    assertThat(Masking.mask("card 6222021234567890123 locked"))
        .isEqualTo("card ***************0123 locked");
    assertThat(Masking.mask("card 6222 0212 3456 7890")).isEqualTo("card **** **** **** 7890");
    assertThat(Masking.mask("acct 6222-0212-3456-7890")).isEqualTo("acct ****-****-****-7890");
  }

  @Test
  void ipAddressesKeepTheirNetwork() {
    assertThat(Masking.mask("from 203.0.113.77 and 10.1.2.3"))
        .isEqualTo("from 203.0.*.* and 10.1.*.*");
    assertThat(Masking.mask("source 198.51.100.0/24")).isEqualTo("source 198.51.*.*/24");
    assertThat(Masking.mask("v6 2001:db8:85a3::8a2e:370:7334 hit")).isEqualTo("v6 2001:db8:* hit");
  }

  @Test
  void numbersThatIdentifyNobodyStay() {
    String[] kept = {
      "2026-11-27T09:00:00+08:00",
      "on 2026-11-27 at 09:00",
      "service level 0.6200 below 0.8000",
      "20000 requests/s",
      "fingerprint 36e02ee31e8e0244",
      "version 1.2.300.4000",
      "queue-0-服务质量 at 1.0000",
      "level III for 32 min, 123456 calls",
    };
    for (String text : kept) {
      assertThat(Masking.mask(text)).as(text).isEqualTo(text);
    }
    assertThat(Masking.mask((String) null)).isNull();
    assertThat(Masking.mask("")).isEmpty();
  }
}
