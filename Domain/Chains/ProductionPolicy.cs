using NCrontab;

namespace SmartChain.Domain.Chains;

/// <summary>
/// When the BPSC forges (the article's three ways): every <see cref="Interval"/> (six-field NCRONTAB, seconds
/// first), every <see cref="Count"/> pending transactions, or whichever comes first. Neither means manual.
/// </summary>
public sealed record ProductionPolicy
{
    public const int MaxCount = 10_000;

    public static readonly ProductionPolicy Manual = new();

    /// <summary>The default chains' policy (C): every 10 s or 100 transactions.</summary>
    public static readonly ProductionPolicy Default = new() { Interval = "*/10 * * * * *", Count = 100 };

    public string? Interval { get; init; }

    public int? Count { get; init; }

    /// <summary>Forge an empty block on an interval tick when nothing is pending.</summary>
    public bool Heartbeat { get; init; }

    public bool IsManual => Interval is null && Count is null;

    /// <summary>Null when valid, else why not.</summary>
    public string? Validate()
    {
        if (Count is < 1 or > MaxCount)
        {
            return $"policy.count must be between 1 and {MaxCount}";
        }

        if (Interval is not null && TryParseInterval(Interval) is null)
        {
            return "policy.interval must be a six-field NCRONTAB expression, seconds first (e.g. \"*/10 * * * * *\")";
        }

        return Heartbeat && Interval is null ? "policy.heartbeat needs an interval" : null;
    }

    /// <summary>The first interval tick strictly after <paramref name="after"/>, or null without an interval.</summary>
    public DateTimeOffset? NextTick(DateTimeOffset after)
    {
        var schedule = Interval is null ? null : TryParseInterval(Interval);
        return schedule is null
            ? null
            : new DateTimeOffset(schedule.GetNextOccurrence(after.UtcDateTime), TimeSpan.Zero);
    }

    private static CrontabSchedule? TryParseInterval(string text) =>
        CrontabSchedule.TryParse(text, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
}
