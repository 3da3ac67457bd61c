package dev.voicemail.experiments;

/** DRAFT (being set up) → RUNNING (deciding) → STOPPED (final; its report stays readable). */
public enum ExperimentStatus {
    DRAFT, RUNNING, STOPPED
}
