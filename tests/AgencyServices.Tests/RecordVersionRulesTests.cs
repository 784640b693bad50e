using System.Security.Cryptography;
using System.Text;
using Platform.AgencyServices.Records;

namespace Platform.AgencyServices.Tests;

public sealed class RecordVersionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static RecordSubmission Submission(int version, string content = "a", string kind = "enrolment", string? correction = null) =>
        new("r1", version, kind, "150315501231", "751110000", "school-17", Now.AddDays(-1), Encoding.UTF8.GetBytes(content), correction);

    private static StoredVersion Stored(int version, string content = "a", bool withdrawn = false) =>
        new("enrolment", version, SHA256.HashData(Encoding.UTF8.GetBytes(content)), Now.AddDays(-1), withdrawn);

    private static RecordVersionRules.Decision Decide(StoredVersion? current, RecordSubmission submission) =>
        RecordVersionRules.Decide(current, submission, SHA256.HashData(submission.Payload));

    [Fact]
    public void A_new_record_is_created_but_cannot_be_corrected()
    {
        Assert.Equal(SubmitOutcome.Created, Assert.IsType<RecordVersionRules.Accepted>(Decide(null, Submission(1))).Outcome);
        Assert.Contains("does not exist", Assert.IsType<RecordVersionRules.Conflict>(Decide(null, Submission(1, correction: "typo"))).Reason);
    }

    [Fact]
    public void The_same_version_with_the_same_content_is_unchanged_and_with_other_content_a_conflict()
    {
        Assert.IsType<RecordVersionRules.Unchanged>(Decide(Stored(2), Submission(2)));
        Assert.Contains("send version 3 or higher", Assert.IsType<RecordVersionRules.Conflict>(Decide(Stored(2), Submission(2, "b"))).Reason);
    }

    [Fact]
    public void A_higher_version_replaces_and_a_lower_one_is_refused()
    {
        Assert.Equal(SubmitOutcome.Replaced, Assert.IsType<RecordVersionRules.Accepted>(Decide(Stored(2), Submission(3, "b"))).Outcome);
        Assert.Contains("older than the stored version 2", Assert.IsType<RecordVersionRules.Conflict>(Decide(Stored(2), Submission(1))).Reason);
    }

    [Fact]
    public void A_record_keeps_its_kind_and_a_withdrawn_one_takes_a_new_version_but_no_correction()
    {
        Assert.Contains("cannot become a incident record", Assert.IsType<RecordVersionRules.Conflict>(Decide(Stored(1), Submission(2, kind: "incident"))).Reason);
        Assert.IsType<RecordVersionRules.Conflict>(Decide(Stored(1, withdrawn: true), Submission(2, "b", correction: "typo")));
        Assert.IsType<RecordVersionRules.Accepted>(Decide(Stored(1, withdrawn: true), Submission(2, "b")));
    }
}
