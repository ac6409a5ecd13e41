using System.Globalization;

namespace GluonStyleText.Cli.ConsoleUi;

/// <summary>Formats durations the way the progress line and summaries show them.</summary>
internal static class DurationText
{
    /// <summary>Hours, minutes and seconds, e.g. <c>0h01m12s</c>, as fastText prints its ETA.</summary>
    public static string Clock(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero || duration > TimeSpan.FromDays(100))
        {
            return "?h??m??s";
        }

        return string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours}h{duration.Minutes:00}m{duration.Seconds:00}s");
    }

    /// <summary>A short human duration, e.g. <c>4.2 s</c> or <c>3 min 07 s</c>.</summary>
    public static string Short(TimeSpan duration) => duration.TotalSeconds < 60
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min {duration.Seconds:00} s");
}
