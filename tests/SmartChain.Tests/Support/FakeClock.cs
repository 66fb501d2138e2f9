using Microsoft.Extensions.Time.Testing;

namespace SmartChain.Tests.Support;

/// <summary>
/// Drives a <see cref="FakeTimeProvider"/> that an in-process node runs on. Background loops sleep on that clock,
/// so fake time moves in small steps with a little real time between them, letting each loop wake and work.
/// </summary>
public sealed class FakeClock(FakeTimeProvider time)
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task AdvanceToAsync(DateTimeOffset target)
    {
        while (time.GetUtcNow() < target)
        {
            var left = target - time.GetUtcNow();
            time.Advance(left < Step ? left : Step);
            await Task.Delay(15);
        }
    }

    /// <summary>
    /// Polls until <paramref name="done"/> (real timeout), nudging fake time forward but never past
    /// <paramref name="notAfter"/>: a loop that went to sleep on the clock just after the last step still wakes.
    /// </summary>
    public async Task<T> PollAsync<T>(Func<Task<T>> probe, Func<T, bool> done, DateTimeOffset notAfter, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
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
                    $"{what} did not happen by fake time {time.GetUtcNow():O}; last value: {value}"
                );
            }

            var nudge = notAfter - time.GetUtcNow();
            if (nudge > TimeSpan.Zero)
            {
                time.Advance(nudge < TimeSpan.FromMilliseconds(50) ? nudge : TimeSpan.FromMilliseconds(50));
            }

            await Task.Delay(40);
        }
    }

    /// <summary>
    /// Lets background loops run for a moment of real time without moving fake time: for "nothing happens" checks.
    /// </summary>
    public static Task SettleAsync() => Task.Delay(400);
}
