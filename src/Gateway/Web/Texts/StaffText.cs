using System.Globalization;
using Microsoft.Extensions.Localization;
using Platform.Gateway.Cases.FollowUp;
using Platform.Gateway.Staff;

namespace Platform.Gateway.Web.Texts;

/// <summary>
/// The texts of the staff pages (<c>StaffText.resx</c> in Russian, the default; <c>.kk.resx</c> Kazakh;
/// <c>.en.resx</c> English), read through <see cref="IStringLocalizer{StaffText}"/> in the request's culture.
/// </summary>
public sealed class StaffText;

public static class StaffTextExtensions
{
    public static string RoleName(this IStringLocalizer<StaffText> text, StaffRole role) => text[$"role-{role.Code}"];

    public static string LevelName(this IStringLocalizer<StaffText> text, CommissionLevel level) =>
        text[$"level-{level.ToString().ToLowerInvariant()}"];

    public static string ScopeName(this IStringLocalizer<StaffText> text, StaffScope scope) => scope.Territory is { } territory
        ? $"{(scope.Level is { } level ? text.LevelName(level) : "")} · {territory.Value} · {RegionName(territory.Region)}"
        : text["national"];

    private static string RegionName(Platform.Contracts.Territory.Region region) => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch
    {
        "kk" => region.NameKk,
        "en" => region.NameEn,
        _ => region.NameRu,
    };

    /// <summary>A moment as staff read it: local time of the working calendar (Astana's), in the user's culture.</summary>
    public static string LocalTime(DateTimeOffset time) =>
        time.ToOffset(WorkingCalendar.Kazakhstan.UtcOffset).ToString("g", CultureInfo.CurrentCulture);
}
