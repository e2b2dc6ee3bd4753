using Clinic.Domain.Reminders;
using NodaTime;

namespace Clinic.Domain.Tests.Reminders;

public sealed class QuietHoursTests
{
    [Theory]
    [InlineData("21:59", false)]
    [InlineData("22:00", true)]
    [InlineData("23:59", true)]
    [InlineData("00:00", true)]
    [InlineData("06:59", true)]
    [InlineData("07:00", false)]
    [InlineData("12:00", false)]
    public void Quiet_hours_across_midnight_hold_the_night_from_start_up_to_end(string time, bool quiet)
    {
        var night = QuietHours.Create(new LocalTime(22, 0), new LocalTime(7, 0));

        Assert.Equal(quiet, night.Contains(Parse(time)));
    }

    [Theory]
    [InlineData("12:59", false)]
    [InlineData("13:00", true)]
    [InlineData("13:59", true)]
    [InlineData("14:00", false)]
    public void Quiet_hours_within_a_day_hold_from_start_up_to_end(string time, bool quiet)
    {
        var lunch = QuietHours.Create(new LocalTime(13, 0), new LocalTime(14, 0));

        Assert.Equal(quiet, lunch.Contains(Parse(time)));
    }

    [Fact]
    public void Quiet_hours_that_start_when_they_end_are_refused()
    {
        Assert.NotNull(QuietHours.Problem(new LocalTime(7, 0), new LocalTime(7, 0)));
        Assert.Throws<ArgumentException>(() => QuietHours.Create(new LocalTime(7, 0), new LocalTime(7, 0)));
    }

    [Fact]
    public void Preferences_default_to_reminders_on_without_quiet_hours_and_keep_what_the_client_sets()
    {
        var client = Guid.NewGuid();
        var preferences = ReminderPreferences.Default(client);
        Assert.True(preferences.Enabled);
        Assert.Null(preferences.QuietHours);
        Assert.Null(preferences.UpdatedAt);

        var now = Instant.FromUtc(2026, 3, 10, 12, 0);
        preferences.Change(enabled: false, QuietHours.Create(new LocalTime(22, 0), new LocalTime(7, 0)), now);

        Assert.False(preferences.Enabled);
        Assert.Equal(new LocalTime(22, 0), preferences.QuietHours!.Start);
        Assert.Equal(new LocalTime(7, 0), preferences.QuietHours.End);
        Assert.Equal(now, preferences.UpdatedAt);
    }

    private static LocalTime Parse(string text) => NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text).Value;
}
