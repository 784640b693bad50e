namespace Platform.Gateway.Staff;

public enum PasswordProblem { TooShort, ContainsUserName }

/// <summary>
/// Length over composition rules (NIST SP 800-63B): at least 12 characters, not containing the user name. Long passphrases
/// are welcome; no upper bound beyond what a form accepts.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;

    public static IReadOnlyList<PasswordProblem> Check(string password, string userName)
    {
        var problems = new List<PasswordProblem>();
        if (password.Length < MinimumLength) problems.Add(PasswordProblem.TooShort);
        var name = userName.Trim();
        if (name.Length > 0 && password.Contains(name, StringComparison.OrdinalIgnoreCase)) problems.Add(PasswordProblem.ContainsUserName);
        return problems;
    }
}
