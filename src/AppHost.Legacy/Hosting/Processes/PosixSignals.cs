using System.Runtime.InteropServices;

namespace Platform.AppHost.Hosting.Processes;

/// <summary>Sends a signal to a process; .NET's Process only knows SIGKILL.</summary>
internal static partial class PosixSignals
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    public static bool Send(int processId, int signal) => Kill(processId, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int sig);
}
