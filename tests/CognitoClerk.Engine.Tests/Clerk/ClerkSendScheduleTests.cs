using CognitoClerk.Engine.Clerk;
using Xunit;

namespace CognitoClerk.Engine.Tests.Clerk;

/// <summary>The pacing arithmetic on simulated time (1 tick = 1 µs): exact, no clock involved.</summary>
public sealed class ClerkSendScheduleTests
{
    private const long TicksPerSecond = 1_000_000;
    private const long ClerkWindow = 10 * TicksPerSecond;

    [Theory]
    [InlineData(1000)]
    [InlineData(100)]
    [InlineData(7)]
    public void Unlimited_callers_never_put_more_than_the_limit_into_any_10_second_window(int limit)
    {
        var schedule = new ClerkSendSchedule(limit, ClerkSendSchedule.WindowTicks(TicksPerSecond));
        var sends = new List<long>();
        long now = 0;
        for (int i = 0; i < limit * 12; i++)
        {
            // Every caller asks as soon as the previous one got its slot: as greedy as a client can be.
            long slot = Reserve(schedule, now);
            Assert.True(slot >= now);
            sends.Add(slot);
            now = slot;
        }

        Assert.True(MaxInAnyWindow(sends, ClerkWindow) <= limit, $"max {MaxInAnyWindow(sends, ClerkWindow)} > {limit}");
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(100)]
    public void Greedy_callers_reach_at_least_97_percent_of_the_limit(int limit)
    {
        var schedule = new ClerkSendSchedule(limit, ClerkSendSchedule.WindowTicks(TicksPerSecond));
        long last = 0;
        int count = limit * 6; // a minute's worth
        for (int i = 0; i < count; i++)
        {
            last = Reserve(schedule, last);
        }

        double perTenSeconds = count / (last / (double)ClerkWindow);
        Assert.InRange(perTenSeconds / limit, 0.97, 1.0);
    }

    [Fact]
    public void Sends_are_spread_evenly_rather_than_burst_at_the_start_of_a_window()
    {
        var schedule = new ClerkSendSchedule(100, ClerkSendSchedule.WindowTicks(TicksPerSecond));
        var sends = Enumerable.Range(0, 100).Select(_ => Reserve(schedule, 0)).ToList();

        // A burst would put all 100 at t=0; even spacing puts no more than a handful in the first second.
        Assert.True(sends.Count(s => s < TicksPerSecond) <= 13, string.Join(",", sends.Take(15)));
        Assert.True(sends[^1] >= 9 * TicksPerSecond);
    }

    [Fact]
    public void Late_callers_lose_nothing_but_never_catch_up_past_the_window()
    {
        var schedule = new ClerkSendSchedule(10, ClerkSendSchedule.WindowTicks(TicksPerSecond));
        var sends = new List<long>();

        // Ten sends, then a long idle spell, then everyone at once.
        for (int i = 0; i < 10; i++)
        {
            sends.Add(Reserve(schedule, sends.Count == 0 ? 0 : sends[^1]));
        }

        long later = sends[^1] + 3 * TicksPerSecond;
        for (int i = 0; i < 30; i++)
        {
            sends.Add(Reserve(schedule, later));
        }

        Assert.True(MaxInAnyWindow(sends, ClerkWindow) <= 10);
    }

    [Fact]
    public void A_pause_withdraws_future_slots_and_nothing_is_scheduled_before_it_ends()
    {
        var schedule = new ClerkSendSchedule(100, ClerkSendSchedule.WindowTicks(TicksPerSecond));
        long now = 5 * TicksPerSecond;
        long first = Reserve(schedule, now);
        long epochBefore = schedule.Epoch;
        var queued = Enumerable.Range(0, 20).Select(_ => Reserve(schedule, now)).ToList();
        Assert.Contains(queued, s => s > now);

        long until = now + 2 * TicksPerSecond;
        schedule.PauseUntil(now, until);

        Assert.NotEqual(epochBefore, schedule.Epoch);
        var after = Enumerable.Range(0, 20).Select(_ => Reserve(schedule, now)).ToList();
        Assert.All(after, s => Assert.True(s >= until));

        // The withdrawn slots no longer count: right after the pause the pace restarts at the pause's end.
        Assert.True(after[0] == until, $"{after[0]} != {until}");
        Assert.True(first <= now);
    }

    [Fact]
    public void A_shorter_pause_does_not_shorten_a_longer_one()
    {
        var schedule = new ClerkSendSchedule(100, ClerkSendSchedule.WindowTicks(TicksPerSecond));
        schedule.PauseUntil(0, 10 * TicksPerSecond);
        long epoch = schedule.Epoch;
        schedule.PauseUntil(TicksPerSecond, 2 * TicksPerSecond);

        Assert.Equal(epoch, schedule.Epoch);
        Assert.True(Reserve(schedule, TicksPerSecond) >= 10 * TicksPerSecond);
    }

    [Fact]
    public void Lowering_the_limit_keeps_the_recent_sends_counted()
    {
        var schedule = new ClerkSendSchedule(100, ClerkSendSchedule.WindowTicks(TicksPerSecond));
        var sends = new List<long>();
        for (int i = 0; i < 50; i++)
        {
            sends.Add(Reserve(schedule, sends.Count == 0 ? 0 : sends[^1]));
        }

        schedule.SetLimit(20);
        for (int i = 0; i < 40; i++)
        {
            sends.Add(Reserve(schedule, sends[^1]));
        }

        // Every window that ends at a send made after the change (even one reaching back before it) holds at most 20.
        long changedAt = sends[49];
        Assert.True(MaxInAnyWindow(sends, ClerkWindow, endingAfter: changedAt) <= 20);
        Assert.True(MaxInAnyWindow(sends, ClerkWindow) > 20, "the test must straddle a change of limit");
    }

    [Fact]
    public void A_late_send_is_counted_from_when_it_really_went_and_pushes_the_next_window()
    {
        var schedule = new ClerkSendSchedule(10, ClerkSendSchedule.WindowTicks(TicksPerSecond));
        long window = ClerkSendSchedule.WindowTicks(TicksPerSecond);
        var sequences = new List<long>();
        long now = 0;
        for (int i = 0; i < 10; i++)
        {
            sequences.Add(schedule.Reserve(now, out long slot));
            now = slot;
        }

        // The first request only reached the wire 300 ms after its slot (connection set-up, say).
        schedule.Restamp(sequences[0], 300_000);

        Assert.True(Reserve(schedule, now) >= 300_000 + window);
    }

    [Theory]
    [InlineData(1, 300_000)]
    [InlineData(4, 2_000_000)]
    [InlineData(9, 150_000)]
    public void A_caller_queued_behind_one_that_went_late_waits_until_that_one_is_a_window_behind(int lateIndex, long lateBy)
    {
        // 25 callers at once (the workers of two client objects, say): every slot is reserved before anyone has gone.
        const int limit = 10;
        var schedule = new ClerkSendSchedule(limit, ClerkSendSchedule.WindowTicks(TicksPerSecond));
        var reservations = Enumerable.Range(0, 25)
            .Select(_ => (Sequence: schedule.Reserve(0, out long slot), Slot: slot))
            .ToList();

        // Each caller wakes at its slot, but one of them wakes late (a busy machine) and is counted from then.
        var sends = new List<long>();
        for (int i = 0; i < reservations.Count; i++)
        {
            (long sequence, long slot) = reservations[i];
            long now = slot + (i == lateIndex ? lateBy : 0);
            now = Math.Max(now, schedule.DueTime(sequence)); // the limiter waits on until the log allows it
            schedule.Restamp(sequence, now);
            sends.Add(now);
        }

        Assert.True(MaxInAnyWindow(sends, ClerkWindow) <= limit, $"max {MaxInAnyWindow(sends, ClerkWindow)} > {limit}: {string.Join(", ", sends)}");
        Assert.True(sends[lateIndex + limit] >= sends[lateIndex] + ClerkWindow);
    }

    [Fact]
    public void A_withdrawn_or_unknown_reservation_has_no_due_time()
    {
        var schedule = new ClerkSendSchedule(2, ClerkSendSchedule.WindowTicks(TicksPerSecond));
        schedule.Reserve(0, out _);
        schedule.Reserve(0, out _);
        long queued = schedule.Reserve(0, out long slot);
        Assert.True(slot > 0);
        Assert.Equal(slot, schedule.DueTime(queued));

        // A 429 withdraws the slot handed out for later: its holder asks again rather than waiting for it.
        schedule.PauseUntil(0, TicksPerSecond);

        Assert.Equal(long.MinValue, schedule.DueTime(queued));
        Assert.Equal(long.MinValue, schedule.DueTime(12345));
    }

    [Fact]
    public void Restamping_keeps_the_log_in_order_and_ignores_unknown_reservations()
    {
        var schedule = new ClerkSendSchedule(2, ClerkSendSchedule.WindowTicks(TicksPerSecond));
        long window = ClerkSendSchedule.WindowTicks(TicksPerSecond);
        long first = schedule.Reserve(0, out _);
        schedule.Reserve(0, out _);

        // The first went last of all: the second cannot count as earlier than it.
        schedule.Restamp(first, 2 * TicksPerSecond);
        schedule.Restamp(first, TicksPerSecond); // never moves back
        schedule.Restamp(12345, 99 * TicksPerSecond); // unknown: ignored

        Assert.True(Reserve(schedule, 0) >= 2 * TicksPerSecond + window);
    }

    private static long Reserve(ClerkSendSchedule schedule, long now)
    {
        schedule.Reserve(now, out long slot);
        return slot;
    }

    /// <summary>The most sends in any window (t - window, t], checked at every send.</summary>
    private static int MaxInAnyWindow(List<long> sends, long window, long endingAfter = long.MinValue)
    {
        var sorted = sends.OrderBy(s => s).ToList();
        int max = 0;
        int start = 0;
        for (int end = 0; end < sorted.Count; end++)
        {
            while (sorted[start] <= sorted[end] - window)
            {
                start++;
            }

            if (sorted[end] > endingAfter)
            {
                max = Math.Max(max, end - start + 1);
            }
        }

        return max;
    }
}
