using Platform.Gateway.Cases;
using Platform.Gateway.Cases.Sessions;

namespace Platform.Gateway.Tests.Sessions;

public sealed class SessionRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Theory]
    [InlineData(9, 6)]
    [InlineData(10, 7)]
    [InlineData(3, 2)]
    [InlineData(1, 1)]
    public void The_quorum_is_two_thirds_of_the_composition_rounded_up(int composition, int required)
    {
        Assert.Equal(required, SessionRules.QuorumOf(composition, 0).Required);
        Assert.True(SessionRules.QuorumOf(composition, required).IsMet);
        Assert.False(SessionRules.QuorumOf(composition, required - 1).IsMet);
    }

    [Fact]
    public void A_commission_without_members_never_has_a_quorum() => Assert.False(SessionRules.QuorumOf(0, 0).IsMet);

    [Theory]
    [InlineData(4, 3, 0, false, 7, true, true)]   // a majority of those present
    [InlineData(3, 1, 3, false, 7, true, false)]  // abstentions count against: 3 of 7 is no majority
    [InlineData(3, 3, 0, true, 6, true, true)]    // an even split, the chair voting for
    [InlineData(3, 3, 0, false, 6, true, false)]  // an even split, the chair voting against
    [InlineData(3, 3, 0, true, 6, false, false)]  // the chair's vote decides only when the chair is present
    public void A_resolution_is_adopted_by_a_majority_of_those_present_and_the_chair_decides_a_tie(
        int votesFor, int against, int abstained, bool chairVotedFor, int present, bool chairPresent, bool adopted) =>
        Assert.Equal(adopted, SessionRules.IsAdopted(new Vote(votesFor, against, abstained, chairVotedFor), present, chairPresent));

    [Fact]
    public void A_decision_needs_a_quorum_a_text_and_no_more_votes_than_members_present()
    {
        var quorum = SessionRules.QuorumOf(9, 6);
        Assert.Null(SessionRules.CheckDecision("Направить на обследование", new Vote(6, 0, 0, false), quorum));
        Assert.Equal(CaseProblem.NoQuorum, SessionRules.CheckDecision("Направить", new Vote(5, 0, 0, false), SessionRules.QuorumOf(9, 5)));
        Assert.Equal(CaseProblem.ResolutionEmpty, SessionRules.CheckDecision("  ", new Vote(6, 0, 0, false), quorum));
        Assert.Equal(CaseProblem.ResolutionTooLong, SessionRules.CheckDecision(new string('а', 4001), new Vote(6, 0, 0, false), quorum));
        Assert.Equal(CaseProblem.VotesExceedPresent, SessionRules.CheckDecision("Направить", new Vote(5, 1, 1, false), quorum));
        Assert.Equal(CaseProblem.VotesInvalid, SessionRules.CheckDecision("Направить", new Vote(0, 0, 0, false), quorum));
        Assert.Equal(CaseProblem.VotesInvalid, SessionRules.CheckDecision("Направить", new Vote(7, -1, 0, false), quorum));
    }

    [Fact]
    public void A_measure_has_exactly_one_executor_a_known_agency_and_a_due_day_ahead()
    {
        var member = Guid.NewGuid();
        Assert.Null(SessionRules.CheckMeasure(new NewMeasure(Guid.NewGuid(), "health", null, "Осмотр", Today.AddDays(3)), Today));
        Assert.Null(SessionRules.CheckMeasure(new NewMeasure(Guid.NewGuid(), null, member, "Беседа с семьёй", Today), Today));
        Assert.Equal(CaseProblem.ExecutorMissing, SessionRules.CheckMeasure(new NewMeasure(Guid.NewGuid(), null, null, "Осмотр", Today), Today));
        Assert.Equal(CaseProblem.ExecutorMissing, SessionRules.CheckMeasure(new NewMeasure(Guid.NewGuid(), "health", member, "Осмотр", Today), Today));
        Assert.Equal(CaseProblem.AgencyUnknown, SessionRules.CheckMeasure(new NewMeasure(Guid.NewGuid(), "police", null, "Осмотр", Today), Today));
        Assert.Equal(CaseProblem.DueDateInPast, SessionRules.CheckMeasure(new NewMeasure(Guid.NewGuid(), null, member, "Беседа", Today.AddDays(-1)), Today));
        Assert.Equal(CaseProblem.TaskEmpty, SessionRules.CheckMeasure(new NewMeasure(Guid.NewGuid(), null, member, " ", Today), Today));
        Assert.Equal(CaseProblem.StaleForm, SessionRules.CheckMeasure(new NewMeasure(Guid.Empty, "health", null, "Осмотр", Today), Today));
    }

    [Fact]
    public void The_protocol_is_signed_after_the_session_met_with_a_quorum_and_a_decision_on_every_case()
    {
        var meets = new DateTimeOffset(2026, 12, 7, 5, 0, 0, TimeSpan.Zero);
        var quorum = SessionRules.QuorumOf(3, 2);
        Assert.Null(SessionRules.CheckHolding(meets, meets.AddHours(2), quorum, [true, true]));
        Assert.Equal(CaseProblem.SessionNotYetMet, SessionRules.CheckHolding(meets, meets.AddMinutes(-1), quorum, [true]));
        Assert.Equal(CaseProblem.AgendaEmpty, SessionRules.CheckHolding(meets, meets.AddHours(2), quorum, []));
        Assert.Equal(CaseProblem.NoQuorum, SessionRules.CheckHolding(meets, meets.AddHours(2), SessionRules.QuorumOf(3, 1), [true]));
        Assert.Equal(CaseProblem.AgendaUndecided, SessionRules.CheckHolding(meets, meets.AddHours(2), quorum, [true, false]));
    }

    [Fact]
    public void A_session_is_entered_up_to_thirty_days_back_and_a_year_ahead_with_a_place()
    {
        var now = new DateTimeOffset(2026, 12, 7, 4, 0, 0, TimeSpan.Zero);
        Assert.Null(SessionRules.CheckSession(new NewSession(Guid.NewGuid(), now.AddDays(-29), "Акимат"), now));
        Assert.Null(SessionRules.CheckSession(new NewSession(Guid.NewGuid(), now.AddDays(365), "Акимат"), now));
        Assert.Equal(CaseProblem.MeetsAtOutOfRange, SessionRules.CheckSession(new NewSession(Guid.NewGuid(), now.AddDays(-31), "Акимат"), now));
        Assert.Equal(CaseProblem.MeetsAtOutOfRange, SessionRules.CheckSession(new NewSession(Guid.NewGuid(), now.AddDays(367), "Акимат"), now));
        Assert.Equal(CaseProblem.PlaceMissing, SessionRules.CheckSession(new NewSession(Guid.NewGuid(), now, " "), now));
    }

    [Fact]
    public void Member_roles_are_stored_by_code_and_read_back()
    {
        foreach (var role in Enum.GetValues<MemberRole>()) Assert.Equal(role, SessionRules.MemberRoleFromCode(role.Code()));
        Assert.Null(SessionRules.MemberRoleFromCode("president"));
    }
}
