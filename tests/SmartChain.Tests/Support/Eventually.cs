namespace SmartChain.Tests.Support;

/// <summary>
/// Polls a condition against real time: for effects of background work (timers, sync) that have no completion signal.
/// </summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"{what} did not happen within {timeout.TotalSeconds} s; last value: {value}"
                );
            }

            await Task.Delay(50);
        }
    }
}
