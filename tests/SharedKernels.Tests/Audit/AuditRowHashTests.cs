using Platform.Audit;

namespace Platform.SharedKernels.Tests;

/// <summary>The canonical encoding under the audit chain's hashes: pure, no database.</summary>
public sealed class AuditRowHashTests
{
    private static readonly AuditLogRow Row = new(
        Sequence: 17,
        OccurredAt: new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero).AddTicks(1_234_560),
        Actor: new AuditActor("staff-42", AuditActorKind.StaffUser, "commission_secretary", "751110000"),
        Action: AuditAction.Read,
        SubjectIin: "150315501231",
        Sections: ["health.screenings", "education.incidents"],
        Purpose: "case 2026-17 preparation",
        BreakGlass: false,
        BreakGlassReason: null,
        FlaggedForReview: false,
        ClientAddress: "10.0.0.7",
        Outcome: AuditOutcome.Allowed,
        TraceId: "4bf92f3577b34da6a3ce929d0e0e4736",
        PreviousHash: Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(),
        RowHash: []);

    private static string Hash(AuditLogRow row) => Convert.ToHexString(AuditRowHash.Compute(row));

    /// <summary>One variant per hashed value: the row's columns, with the actor's four spelled out.</summary>
    private static readonly (string Field, AuditLogRow Changed)[] OneValueChanged =
    [
        ("Sequence", Row with { Sequence = 18 }),
        ("OccurredAt", Row with { OccurredAt = Row.OccurredAt.AddTicks(TimeSpan.TicksPerMicrosecond) }),
        ("Actor.Id", Row with { Actor = Row.Actor with { Id = "staff-43" } }),
        ("Actor.Kind", Row with { Actor = Row.Actor with { Kind = AuditActorKind.AgencySystem } }),
        ("Actor.Role", Row with { Actor = Row.Actor with { Role = "commission_member" } }),
        ("Actor.Territory", Row with { Actor = Row.Actor with { Territory = AuditActor.National } }),
        ("Action", Row with { Action = AuditAction.Write }),
        ("SubjectIin", Row with { SubjectIin = "150315501232" }),
        ("Sections", Row with { Sections = ["health.screenings"] }),
        ("Purpose", Row with { Purpose = "curiosity" }),
        ("BreakGlass", Row with { BreakGlass = true }),
        ("BreakGlassReason", Row with { BreakGlassReason = "child in danger" }),
        ("FlaggedForReview", Row with { FlaggedForReview = true }),
        ("ClientAddress", Row with { ClientAddress = "10.0.0.8" }),
        ("Outcome", Row with { Outcome = AuditOutcome.Denied }),
        ("TraceId", Row with { TraceId = null }),
        ("PreviousHash", Row with { PreviousHash = new byte[32] }),
    ];

    [Fact]
    public void Changing_any_hashed_value_changes_the_hash()
    {
        var hashes = OneValueChanged.Select(variant => (variant.Field, Hash: Hash(variant.Changed))).ToList();

        Assert.All(hashes, variant => Assert.NotEqual(Hash(Row), variant.Hash));
        Assert.Equal(hashes.Count, hashes.Select(variant => variant.Hash).Distinct().Count());
    }

    [Fact]
    public void Every_column_of_a_row_is_hashed()
    {
        // A column added to AuditLogRow must be added to the encoding and to the variants above.
        var hashedColumns = typeof(AuditLogRow).GetProperties().Length - 1 /* RowHash */ - 1 /* Actor */ + typeof(AuditActor).GetProperties().Length;
        Assert.Equal(hashedColumns, OneValueChanged.Length);
    }

    [Fact]
    public void The_row_hash_itself_is_not_hashed_and_the_same_row_hashes_alike()
    {
        Assert.Equal(Hash(Row), Hash(Row with { RowHash = AuditRowHash.Compute(Row), Sections = Row.Sections.ToList() }));
    }

    [Theory]
    [InlineData("ab", "c", "a", "bc")]
    [InlineData("a", "", "", "a")]
    [InlineData("a\0", "b", "a", "\0b")]
    public void Neighbouring_texts_cannot_trade_characters(string id1, string role1, string id2, string role2)
    {
        var first = Row with { Actor = Row.Actor with { Id = id1, Role = role1 } };
        var second = Row with { Actor = Row.Actor with { Id = id2, Role = role2 } };
        Assert.NotEqual(Hash(first), Hash(second));
    }

    [Fact]
    public void Section_lists_are_unambiguous()
    {
        string[][] lists = [[], [""], ["", ""], ["ab", "c"], ["a", "bc"], ["a", "b"], ["a,b"], ["b", "a"]];
        var hashes = lists.Select(sections => Hash(Row with { Sections = sections })).ToList();
        Assert.Equal(lists.Length, hashes.Distinct().Count());
    }

    [Fact]
    public void An_absent_value_differs_from_an_empty_one()
    {
        Assert.NotEqual(Hash(Row with { SubjectIin = null }), Hash(Row with { SubjectIin = "" }));
        Assert.NotEqual(Hash(Row with { ClientAddress = null }), Hash(Row with { ClientAddress = "" }));
        Assert.NotEqual(Hash(Row with { TraceId = null, ClientAddress = "" }), Hash(Row with { TraceId = "", ClientAddress = null }));
    }

    [Fact]
    public void Only_the_instant_to_the_microsecond_is_hashed_as_PostgreSQL_stores_it()
    {
        var subMicrosecond = Row with { OccurredAt = Row.OccurredAt.AddTicks(TimeSpan.TicksPerMicrosecond - 1) };
        var otherOffset = Row with { OccurredAt = Row.OccurredAt.ToOffset(TimeSpan.FromHours(5)) };

        Assert.Equal(Hash(Row), Hash(subMicrosecond));
        Assert.Equal(Hash(Row), Hash(otherOffset));
        Assert.Equal(Row.OccurredAt, AuditRowHash.TruncateToMicroseconds(subMicrosecond.OccurredAt));
    }

    [Fact]
    public void The_encoding_is_stable_so_stored_chains_keep_verifying()
    {
        // Pinned, and computed independently (a few lines of Python following the layout documented on
        // AuditRowHash.Encode): if this changes, every stored audit log would verify as altered.
        Assert.Equal("2457760B11F6734BD5A33A736CD282AE7D01DFF569DF6F29735018B2199E71AB", Hash(Row));
    }
}
