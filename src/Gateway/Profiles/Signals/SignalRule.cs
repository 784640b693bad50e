namespace Platform.Gateway.Profiles.Signals;

/// <summary>
/// A signal the integrated profile raises for a commission's attention: what it means, which roadmap measure asks
/// for it, and the pure function that finds its evidence (the records that raise it; none means not raised).
/// </summary>
public sealed record SignalRule(string Code, string Title, string Basis, Func<ProfileFacts, IReadOnlyList<ProfileRecord>> Evidence);

public sealed record RaisedSignal(string Code, IReadOnlyList<string> EvidenceKeys);

public static class SignalEvaluation
{
    public static IReadOnlyList<RaisedSignal> Evaluate(ProfileFacts facts, IEnumerable<SignalRule> rules) =>
        rules.Select(rule => (rule, evidence: rule.Evidence(facts)))
            .Where(r => r.evidence.Count > 0)
            .Select(r => new RaisedSignal(r.rule.Code, r.evidence.Select(e => e.Key).Order(StringComparer.Ordinal).ToList()))
            .ToList();
}
