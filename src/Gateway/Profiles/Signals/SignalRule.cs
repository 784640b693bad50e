namespace Platform.Gateway.Profiles.Signals;

/// <summary>
/// A signal the integrated profile raises for a commission's attention: what it means, which roadmap measure asks
/// for it, and the pure function that finds its evidence (the records that raise it; none means not raised).
/// </summary>
public sealed record SignalRule(string Code, string Title, string Basis, Func<ProfileFacts, IReadOnlyList<ProfileRecord>> Evidence)
{
    /// <summary>
    /// The first day after the facts' day on which the rule's answer may change with no new record (a child comes of
    /// school age, thirty days pass, a status ends); null: only a new record can change it.
    /// </summary>
    public Func<ProfileFacts, DateOnly?> NextChange { get; init; } = _ => null;
}

public sealed record RaisedSignal(string Code, IReadOnlyList<string> EvidenceKeys);

public static class SignalEvaluation
{
    public static IReadOnlyList<RaisedSignal> Evaluate(ProfileFacts facts, IEnumerable<SignalRule> rules) =>
        rules.Select(rule => (rule, evidence: rule.Evidence(facts)))
            .Where(r => r.evidence.Count > 0)
            .Select(r => new RaisedSignal(r.rule.Code, r.evidence.Select(e => e.Key).Order(StringComparer.Ordinal).ToList()))
            .ToList();

    /// <summary>When the child's signals have to be evaluated again if no record arrives before: the earliest rule's next change.</summary>
    public static DateOnly? NextChange(ProfileFacts facts, IEnumerable<SignalRule> rules) =>
        rules.Select(rule => rule.NextChange(facts)).Where(day => day is not null).Min();
}
