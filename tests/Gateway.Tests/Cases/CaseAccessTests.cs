using System.Security.Claims;
using Platform.Audit;
using Platform.Contracts.Territory;
using Platform.Gateway.Cases;
using Platform.Gateway.Cases.Referrals;
using Platform.Gateway.Staff;
using Platform.Security;

namespace Platform.Gateway.Tests.Cases;

/// <summary>Who sees which cases and what of them, on hand-made cases: no database.</summary>
public sealed class CaseAccessTests
{
    private static readonly Kato AlmatyDistrict = Kato.Parse("751110000");
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static readonly CaseFile AlmatyCase = new(Guid.CreateVersion7(Now), new CaseNumber(AlmatyDistrict, 2026, 7), "150315501231",
        CaseStatus.Open, null, new CaseGrounds([new SignalGround("violence-suspected", ["health/med-1"], Now)], null), Now, "secretary.almaty", 1, Now);

    private static CaseReferral ReferralTo(string agency, string kato = "751110000") =>
        new(Guid.NewGuid(), AlmatyCase.Id, agency, "task", new DateOnly(2026, 12, 1), Now, "secretary.almaty", ReferralState.Issued) { Kato = kato };

    private static CaseReader Reader(SystemCaller caller) => CaseAccess.ReaderOf(caller.ToPrincipal("test"))!;

    private static readonly CaseReader AlmatyCommission = Reader(new CommissionCaller("kdn-almaty", AlmatyDistrict));
    private static readonly CaseReader AlmatyCityCommission = Reader(new CommissionCaller("kdn-almaty-city", Kato.Parse("750000000")));
    private static readonly CaseReader AstanaCommission = Reader(new CommissionCaller("kdn-astana", Kato.Parse("711210000")));
    private static readonly CaseReader NationalEducation = Reader(new AgencyCaller("education-national", Agency.Education, null, AgencyTerritory.National));
    private static readonly CaseReader AstanaEducation = Reader(new AgencyCaller("education-astana", Agency.Education, null, AgencyTerritory.Of(Kato.Parse("710000000"))));

    [Fact]
    public void A_commission_sees_its_own_cases_and_those_of_the_commissions_within_its_territory_whole()
    {
        Assert.True(CaseAccess.Sees(AlmatyCommission, AlmatyCase, []));
        Assert.True(CaseAccess.Sees(AlmatyCityCommission, AlmatyCase, []));
        Assert.False(CaseAccess.Sees(AstanaCommission, AlmatyCase, [ReferralTo("education")]));

        var view = CaseAccess.Shape(AlmatyCommission, AlmatyCase, []);
        Assert.Equal(AlmatyCase.Grounds, view.Grounds);
        Assert.Empty(view.Withheld);
        Assert.Equal(["case", "case.grounds", "case.timeline"], view.Sections);
        Assert.Null(CaseAccess.WhyNotWatchAlerts(AlmatyCommission));
    }

    [Fact]
    public void An_agency_sees_a_case_only_with_a_referral_to_it_in_its_territory_and_only_its_own_referrals()
    {
        Assert.False(CaseAccess.Sees(NationalEducation, AlmatyCase, []));
        Assert.False(CaseAccess.Sees(NationalEducation, AlmatyCase, [ReferralTo("health")]));
        var education = ReferralTo("education");
        var referrals = new[] { ReferralTo("health"), education, ReferralTo("social") };
        Assert.True(CaseAccess.Sees(NationalEducation, AlmatyCase, referrals));
        Assert.Equal([education], CaseAccess.ReferralsShown(NationalEducation, referrals));
        Assert.False(CaseAccess.Sees(AstanaEducation, AlmatyCase, referrals));
        Assert.Empty(CaseAccess.ReferralsShown(AstanaEducation, referrals));

        var view = CaseAccess.Shape(NationalEducation, AlmatyCase, []);
        Assert.Null(view.Grounds);
        Assert.Equal([CaseAccess.GroundsPart, CaseAccess.TimelinePart], view.Withheld);
        Assert.Equal(["case"], view.Sections);
        Assert.Equal(CaseAccess.AlertsAreTheCommissions, CaseAccess.WhyNotWatchAlerts(NationalEducation));
        Assert.Equal(new CaseListScope("", "education", ""), CaseAccess.ScopeOf(NationalEducation));
        Assert.Equal(new CaseListScope("", "education", "71"), CaseAccess.ScopeOf(AstanaEducation));
    }

    [Fact]
    public void Commission_staff_read_as_their_commission_and_other_staff_read_no_cases()
    {
        var secretary = CaseAccess.ReaderOf(StaffPrincipal(StaffRole.CommissionSecretary, StaffScope.Commission(CommissionLevel.District, AlmatyDistrict)));
        var commission = Assert.IsType<CaseReader.Commission>(secretary);
        Assert.Equal((AlmatyDistrict, AuditActorKind.StaffUser), (commission.Territory, commission.Actor.Kind));
        Assert.Equal(new CaseListScope("751110", null, ""), CaseAccess.ScopeOf(commission));

        foreach (var role in new[] { StaffRole.ProjectOfficeAnalyst, StaffRole.Operator, StaffRole.Administrator })
        {
            var reader = CaseAccess.ReaderOf(StaffPrincipal(role, StaffScope.National))!;
            Assert.IsType<CaseReader.NoCases>(reader);
            Assert.Equal(CaseAccess.NoCaseWork, CaseAccess.WhyNotList(reader));
            Assert.False(CaseAccess.Sees(reader, AlmatyCase, []));
        }
        Assert.Null(CaseAccess.ReaderOf(new ClaimsPrincipal(new ClaimsIdentity())));
    }

    [Fact]
    public void A_commission_system_is_audited_as_a_system_in_the_commissions_role()
    {
        Assert.Equal(new AuditActor("kdn-almaty", AuditActorKind.AgencySystem, CaseAccess.CommissionSystemRole, "751110000"), AlmatyCommission.Actor);
        Assert.Equal("education", NationalEducation.Actor.Role);
    }

    private static ClaimsPrincipal StaffPrincipal(StaffRole role, StaffScope scope) =>
        StaffPrincipalFactory.Create(new StaffAccount(Guid.NewGuid(), "someone", "Кто-то", role, scope, "hash", new LockoutState(0, null), false, "stamp",
            Now, Now, "test"), StaffClaims.PasswordMethod, "test");
}
