namespace Clinic.Domain.Measures;

/// <summary>Whether a change between two scores is larger than measurement error, and which way it went.</summary>
public static class ChangeDirections
{
    public const string Improved = "improved";
    public const string Deteriorated = "deteriorated";
    public const string NoReliableChange = "no_reliable_change";
}

/// <summary>
/// The change from one score to a later one with the Jacobson and Truax (1991) reliable change index:
/// RCI = (later - earlier) / Sdiff, Sdiff = sqrt(2) * SD * sqrt(1 - r). The change is reliable when |RCI| > 1.96
/// (it would arise from measurement error alone less than 5 % of the time); it is an improvement when it goes the
/// way the instrument counts as better.
/// </summary>
public sealed record ReliableChange(double Change, double Index, bool Reliable, string Direction)
{
    public const double Criterion = 1.96;

    public static ReliableChange Between(Instrument instrument, double earlier, double later)
    {
        var change = later - earlier;
        var index = change / instrument.ReliableChange.StandardErrorOfDifference;
        var reliable = Math.Abs(index) > Criterion;
        var better = instrument.BetterWhen == BetterWhen.Higher ? change > 0 : change < 0;
        var direction = !reliable ? ChangeDirections.NoReliableChange : better ? ChangeDirections.Improved : ChangeDirections.Deteriorated;
        return new ReliableChange(change, index, reliable, direction);
    }
}
