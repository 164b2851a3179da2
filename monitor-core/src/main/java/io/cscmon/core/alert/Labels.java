package io.cscmon.core.alert;

import java.util.List;

/** Label and annotation names of CONTRACT §2. */
public final class Labels {
  private Labels() {}

  public static final String ALERTNAME = "alertname";
  public static final String INCIDENT_TYPE = "incident_type";
  public static final String RISK_CATEGORY = "risk_category";
  public static final String EMERGENCY_LEVEL = "emergency_level";
  public static final String SEVERITY = "severity";
  public static final String CENTER = "center";

  public static final String QUEUE = "queue";
  public static final String COMPONENT = "component";
  public static final String INSTANCE = "instance";
  public static final String CHANNEL = "channel";
  public static final String TOPIC = "topic";
  public static final String SOURCE = "source";
  public static final String ATTACK_TYPE = "attack_type";

  /**
   * The labels that say <em>what</em> is alerting and <em>where</em>. The fingerprint is computed
   * over these only, so an alert keeps its identity while its emergency level and severity change.
   */
  public static final List<String> IDENTITY =
      List.of(ALERTNAME, CENTER, QUEUE, COMPONENT, INSTANCE, CHANNEL, TOPIC, SOURCE, ATTACK_TYPE);

  public static final String SUMMARY = "summary";
  public static final String DESCRIPTION = "description";
  public static final String RUNBOOK_URL = "runbook_url";
  public static final String PLAN_SECTION = "plan_section";
  public static final String VALUE = "value";
  public static final String THRESHOLD = "threshold";
}
