package io.cscmon.core.notify;

import java.util.Locale;

/**
 * The language of a receiver's notification texts ({@code language:} in the receiver config).
 * DingTalk and WeCom groups are read by the bank's 7x24 staff and default to Simplified Chinese;
 * webhooks are read by programs and default to English.
 */
public enum Language {
  ZH_CN("zh-CN"),
  EN("en");

  private final String tag;

  Language(String tag) {
    this.tag = tag;
  }

  /** The BCP 47 tag, as the config writes it. */
  public String tag() {
    return tag;
  }

  /** {@code zh-CN} (also {@code zh}, {@code zh_CN}, {@code zh-Hans}) or {@code en}. */
  public static Language of(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return switch (t) {
      case "zh-cn", "zh", "zh-hans", "zh-hans-cn" -> ZH_CN;
      case "en", "en-us", "en-gb" -> EN;
      default ->
          throw new IllegalArgumentException("language '" + text + "' is not one of zh-CN, en");
    };
  }
}
