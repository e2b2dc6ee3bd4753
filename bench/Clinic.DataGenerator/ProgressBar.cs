namespace Clinic.DataGenerator;

/// <summary>A one-line text progress bar, redrawn at most once per percent.</summary>
public sealed class ProgressBar(int total)
{
    private const int Width = 40;
    private int lastPercent = -1;

    public void Report(int done)
    {
        var percent = (int)(100L * done / Math.Max(total, 1));
        if (percent == lastPercent)
        {
            return;
        }

        lastPercent = percent;
        var filled = Width * percent / 100;
        Console.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% ({done:N0}/{total:N0} clients)");
        if (done >= total)
        {
            Console.WriteLine();
        }
    }
}
