package io.cscmon.core.rule;

import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.Severity;

/** The threshold that activates one emergency level, and the severity it pages with. */
public record LevelThreshold(EmergencyLevel level, double threshold, Severity severity)
    implements java.io.Serializable {}
