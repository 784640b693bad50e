using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Profiles.Signals;

namespace Platform.Gateway.Cases.Alerts;

/// <summary>How urgent an alert is: violence and self-harm first, then a family at risk, then everything else.</summary>
public static class AlertRisk
{
    public const int ViolenceOrSelfHarm = 1, FamilyAtRisk = 2, Other = 3;

    private static readonly HashSet<string> UrgentIncidents = ["PhysicalViolence", "PsychologicalViolence", "SexualViolence", "SelfHarm", "SuicideAttempt"];

    private static readonly HashSet<string> UrgentSignals =
    [
        SignalRules.ViolenceSuspected.Code, SignalRules.RepeatedViolenceOrDifficultFamily.Code, SignalRules.SuicideOrSelfHarm.Code,
    ];

    public static int Of(AgencyRecordEvent recordEvent) => recordEvent switch
    {
        SuicideAttemptRecorded => ViolenceOrSelfHarm,
        InjuryRecorded { SuspectedAbuse: true } => ViolenceOrSelfHarm,
        SchoolIncidentReported incident when UrgentIncidents.Contains(incident.IncidentType) => ViolenceOrSelfHarm,
        FamilySituationRecorded { DifficultLifeSituation: true } => FamilyAtRisk,
        _ => Other,
    };

    public static int OfSignal(string code) => UrgentSignals.Contains(code) ? ViolenceOrSelfHarm : FamilyAtRisk;

    /// <summary>What an agency's event is to the commission: a new record, a correction of one, or its withdrawal.</summary>
    public static string WhatOf(AgencyRecordEvent recordEvent) => recordEvent switch
    {
        RecordWithdrawn => "withdrawal",
        { Version: > 1 } => "correction",
        _ => "record",
    };
}
