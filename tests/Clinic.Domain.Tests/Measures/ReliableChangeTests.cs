using Clinic.Domain.Measures;

namespace Clinic.Domain.Tests.Measures;

/// <summary>
/// The Jacobson and Truax reliable change index with the constants of MEASURES.md: the smallest reliable change of
/// each instrument, and which way counts as better.
/// </summary>
public sealed class ReliableChangeTests
{
    [Theory]
    [InlineData("phq-9", 0.89, 6.0, 5.5159)]
    [InlineData("gad-7", 0.92, 4.5, 3.5280)]
    [InlineData("scs-sf", 0.86, 0.61, 0.6327)]
    public void Each_instrument_states_its_constants_and_so_its_smallest_reliable_change(string key, double reliability, double sd, double smallest)
    {
        var constants = Instruments.Find(key)!.ReliableChange;

        Assert.Equal(reliability, constants.Reliability);
        Assert.Equal(sd, constants.StandardDeviation);
        Assert.Equal(Math.Sqrt(2) * sd * Math.Sqrt(1 - reliability), constants.StandardErrorOfDifference, 12);
        Assert.Equal(smallest, ReliableChange.Criterion * constants.StandardErrorOfDifference, 4);
    }

    [Theory]
    [InlineData("phq-9", 15, 10, false, "no_reliable_change")]
    [InlineData("phq-9", 15, 9, true, "improved")]
    [InlineData("phq-9", 9, 15, true, "deteriorated")]
    [InlineData("gad-7", 10, 7, false, "no_reliable_change")]
    [InlineData("gad-7", 10, 6, true, "improved")]
    [InlineData("gad-7", 6, 10, true, "deteriorated")]
    public void Sum_scored_instruments_improve_downwards(string key, double before, double after, bool reliable, string direction)
    {
        var change = ReliableChange.Between(Instruments.Find(key)!, before, after);

        Assert.Equal((after - before, reliable, direction), (change.Change, change.Reliable, change.Direction));
    }

    [Theory]
    [InlineData(30, 37, false, "no_reliable_change")]
    [InlineData(30, 38, true, "improved")]
    [InlineData(38, 30, true, "deteriorated")]
    public void The_SCS_SF_improves_upwards_and_needs_8_points_on_the_sum(int before, int after, bool reliable, string direction)
    {
        var change = ReliableChange.Between(Instruments.ScsSf, before / 12.0, after / 12.0);

        Assert.Equal((reliable, direction), (change.Reliable, change.Direction));
    }

    [Fact]
    public void No_change_is_no_reliable_change()
    {
        var change = ReliableChange.Between(Instruments.Phq9, 12, 12);

        Assert.Equal((0.0, 0.0, false, ChangeDirections.NoReliableChange), (change.Change, change.Index, change.Reliable, change.Direction));
    }
}
