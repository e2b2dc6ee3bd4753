using System.Text.Json;

namespace Clinic.Api.Features.Web;

/// <summary>
/// One chart of a page with its text alternative: a title and caption, the data the chart is drawn from (handed to
/// the renderer named <see cref="Kind"/> in <c>charts.js</c>), and a table of the same numbers that screen readers
/// reach. The page renders every figure alike (<c>_Figure.cshtml</c>), so a new chart is a new figure built from a
/// query's answer plus, for a new kind of chart, one renderer.
/// </summary>
public sealed record ChartFigure(string Id, string Kind, string Title, string Caption, object Data, DataTable Table, IReadOnlyList<LegendEntry> Legend)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The data as JSON, for the chart's <c>data-chart-data</c> attribute (Razor encodes it).</summary>
    public string DataJson => JsonSerializer.Serialize(Data, Json);

    /// <summary>A figure with nothing to draw shows its caption and says so, and draws no chart.</summary>
    public bool IsEmpty => Table.Rows.Count == 0;
}

/// <summary>A key to a chart's colours and symbols, in words beside each swatch (<c>legend-*</c> in app.css).</summary>
public sealed record LegendEntry(string Swatch, string Label);

/// <summary>A table of numbers: a caption for screen readers, column headers, and rows whose first cell heads the row.</summary>
public sealed record DataTable(string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<Cell>> Rows);

/// <summary>
/// A table cell: the text people read and, for a number, the exact value as the JSON answers carry it
/// (<c>data-value</c>), so the tests compare the table with the API to the last digit.
/// </summary>
public sealed record Cell(string Text, string? Value = null)
{
    public static Cell Of(string text) => new(text);

    public static Cell Number(int value) => new(Display.Count(value), Display.Raw(value));

    public static Cell Number(int? value) => value is { } number ? Number(number) : new Cell(Display.None, "");
}
