using Platform.Contracts.Identity;

namespace Platform.EndToEnd.Tests;

/// <summary>Valid IINs for tests that need children of their own on a shared platform.</summary>
internal static class TestIins
{
    /// <summary>
    /// The <paramref name="serial"/>-th valid IIN beginning with the seven digits of <paramref name="birthAndSex"/>
    /// (yymmdd and the century-and-sex digit); some serials have no check digit, so the search moves on.
    /// </summary>
    public static string Valid(string birthAndSex, int serial)
    {
        for (var attempt = serial * 3; ; attempt++)
        {
            var digits = $"{birthAndSex}{attempt % 10_000:D4}".Select(c => c - '0').ToList();
            if (Iin.ComputeCheckDigit(digits) is { } check) return string.Concat(digits) + check;
        }
    }
}
