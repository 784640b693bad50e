namespace Platform.Gateway.Tests;

/// <summary>Waits for what the Gateway does asynchronously (consumers, retries, the error queue) to be seen.</summary>
internal static class Eventually
{
    public static async Task<T> Async<T>(Func<Task<T>> probe, Func<T, bool> done, int seconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (timeout.IsCancellationRequested) throw new TimeoutException($"Waited {seconds} s; last seen: {value}.");
            await Task.Delay(100);
        }
    }
}
