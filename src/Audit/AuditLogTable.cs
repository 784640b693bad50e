using Npgsql;

namespace Platform.Audit;

/// <summary>The columns of <c>platform.audit_log</c> in one order, shared by every query that reads whole rows.</summary>
internal static class AuditLogTable
{
    public const string Columns = """
        seq, occurred_at, actor_id, actor_kind, actor_role, actor_territory, action, subject_iin, sections, purpose,
        break_glass, break_glass_reason, flagged_for_review, client_address, outcome, trace_id, previous_hash, row_hash
        """;

    /// <summary>Reads the current row; a value no enumeration knows (the table's checks dropped) is a <see cref="FormatException"/>.</summary>
    public static AuditLogRow Read(NpgsqlDataReader reader) => new(
        Sequence: reader.GetInt64(0),
        OccurredAt: reader.GetFieldValue<DateTimeOffset>(1),
        Actor: ReadActor(reader, 2),
        Action: AuditNames.Parse<AuditAction>(reader.GetString(6)),
        SubjectIin: NullableText(reader, 7),
        Sections: reader.GetFieldValue<string[]>(8),
        Purpose: reader.GetString(9),
        BreakGlass: reader.GetBoolean(10),
        BreakGlassReason: NullableText(reader, 11),
        FlaggedForReview: reader.GetBoolean(12),
        ClientAddress: NullableText(reader, 13),
        Outcome: AuditNames.Parse<AuditOutcome>(reader.GetString(14)),
        TraceId: NullableText(reader, 15),
        PreviousHash: reader.GetFieldValue<byte[]>(16),
        RowHash: reader.GetFieldValue<byte[]>(17));

    /// <summary>The actor's columns, in table order from <paramref name="first"/> (actor_id).</summary>
    public static AuditActor ReadActor(NpgsqlDataReader reader, int first) => new(
        reader.GetString(first), AuditNames.Parse<AuditActorKind>(reader.GetString(first + 1)), reader.GetString(first + 2), reader.GetString(first + 3));

    private static string? NullableText(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
