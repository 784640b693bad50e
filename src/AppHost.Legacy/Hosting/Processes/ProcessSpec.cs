namespace Platform.AppHost.Hosting.Processes;

/// <summary>
/// How to start one child process. <see cref="RunAsUser"/> drops root (PostgreSQL refuses to run as root);
/// <see cref="StopSignal"/> is the one the program treats as a clean, fast shutdown.
/// </summary>
public sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string? WorkingDirectory = null,
    string? RunAsUser = null,
    int StopSignal = PosixSignals.SigTerm);
