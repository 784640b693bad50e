using System.Diagnostics;
using Platform.AppHost.Hosting.Logs;

namespace Platform.AppHost.Hosting.Processes;

/// <summary>
/// A child process whose output goes to the resource's log and which stops with its own clean signal.
/// Children run in their own session (setsid), so a Ctrl+C in the terminal reaches only the AppHost,
/// which then stops them in dependency order.
/// </summary>
public sealed class ManagedProcess
{
    private readonly Process _process;
    private readonly ProcessSpec _spec;

    private ManagedProcess(Process process, ProcessSpec spec, Task<int> exited)
    {
        _process = process;
        _spec = spec;
        Exited = exited;
    }

    public int Id => _process.Id;

    /// <summary>Completes with the exit code once the process has exited and its output is fully read.</summary>
    public Task<int> Exited { get; }

    public static ManagedProcess Start(ProcessSpec spec, ResourceLogStream log)
    {
        var startInfo = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? Directory.GetCurrentDirectory(),
        };
        if (spec.RunAsUser is { } user && CurrentUser.IsRoot)
        {
            foreach (var argument in new[] { "setpriv", $"--reuid={user}", $"--regid={user}", "--init-groups", "--" })
                startInfo.ArgumentList.Add(argument);
        }
        startInfo.ArgumentList.Add(spec.FileName);
        foreach (var argument in spec.Arguments) startInfo.ArgumentList.Add(argument);
        foreach (var (name, value) in spec.Environment) startInfo.Environment[name] = value;

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Append(e.Data, isError: false); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Append(e.Data, isError: true); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ManagedProcess(process, spec, WaitForExitAsync(process));
    }

    private static async Task<int> WaitForExitAsync(Process process)
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    /// <summary>Sends the clean stop signal, waits up to <paramref name="grace"/>, then kills the whole tree.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (Exited.IsCompleted) return;
        PosixSignals.Send(_process.Id, _spec.StopSignal);
        if (await Task.WhenAny(Exited, Task.Delay(grace)) == Exited) return;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        await Exited;
    }
}
