using Platform.Contracts.Territory;
using Platform.Gateway.Cases;

namespace Platform.Gateway.Apis;

/// <summary>
/// The arguments of the cases' APIs, checked once for gRPC and HTTP alike. Each check adds a violation naming the field
/// as the caller spelled it (<c>page_size</c> over gRPC, <c>pageSize</c> over HTTP) and returns a value to go on with,
/// so one answer lists every field at fault.
/// </summary>
internal sealed class CaseArguments
{
    private readonly List<(string Field, string Description)> _violations = [];

    public IReadOnlyCollection<(string Field, string Description)> Violations => _violations;

    public const string PageTokenProblem = "is not a token this service gave out.";

    /// <summary>0 or none: <see cref="CaseQueries.DefaultPageSize"/>.</summary>
    public int PageSize(int? asked, string field)
    {
        if (asked is null or 0) return CaseQueries.DefaultPageSize;
        if (asked is > 0 and <= CaseQueries.MaximumPageSize) return asked.Value;
        _violations.Add((field, $"must be between 1 and {CaseQueries.MaximumPageSize} (0 or none: {CaseQueries.DefaultPageSize})."));
        return CaseQueries.DefaultPageSize;
    }

    /// <summary>A page token is the id of the last case of the page before; empty: the first page.</summary>
    public Guid? PageToken(string? token, string field)
    {
        if (string.IsNullOrEmpty(token)) return null;
        if (Guid.TryParse(token, out var after)) return after;
        _violations.Add((field, PageTokenProblem));
        return null;
    }

    public Guid CaseId(string? text, string field)
    {
        if (Guid.TryParse(text, out var id)) return id;
        _violations.Add((field, $"must be a case id (a UUID such as 0192f3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d); '{text}' is not one."));
        return Guid.Empty;
    }

    public CaseNumber? Number(string? commission, int year, int number, string field)
    {
        var problems = _violations.Count;
        if (!Kato.TryParse(commission, out var kato, out var error)) _violations.Add(($"{field}.commission", error));
        if (year is < 2000 or > 2999) _violations.Add(($"{field}.year", "must be a year such as 2026."));
        if (number < 1) _violations.Add(($"{field}.number", "must be 1 or more."));
        return _violations.Count == problems ? new CaseNumber(kato, year, number) : null;
    }

    /// <summary>Status by its stored code (<c>open</c>, <c>under_review</c>, ...); none: any status.</summary>
    public CaseStatus? Status(string? code, string field)
    {
        if (string.IsNullOrEmpty(code)) return null;
        if (CaseStatusCodes.FromCode(code) is { } status) return status;
        _violations.Add((field, $"must be one of {string.Join(", ", Enum.GetValues<CaseStatus>().Select(s => s.Code()))}."));
        return null;
    }

    public long AfterAlertId(long? after, string field)
    {
        if (after is null or >= 0) return after ?? 0;
        _violations.Add((field, "must be 0 or the id of an alert received; it is never negative."));
        return 0;
    }

    public void Add(string field, string description) => _violations.Add((field, description));
}
