// Fills a database with a realistic practice for load tests: clients, their plans, months of completions and
// skips, loaded with binary COPY into the schema the app's migrations create. Writes the ids and tokens the
// load scripts need. Usage: see GeneratorOptions.Usage.
using System.Diagnostics;
using Clinic.DataGenerator;
using Clinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

GeneratorOptions options;
try
{
    options = GeneratorOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(GeneratorOptions.Usage);
    return 2;
}

var total = Stopwatch.StartNew();
Console.WriteLine($"migrating {Redacted(options.ConnectionString)}");
var dbOptions = new DbContextOptionsBuilder<ClinicDbContext>();
Clinic.Infrastructure.DependencyInjection.Configure(dbOptions, options.ConnectionString);
await using (var db = new ClinicDbContext(dbOptions.Options))
{
    await db.Database.MigrateAsync();
}

var dataset = new Dataset(options);
Console.WriteLine(
    $"generating {options.Clients:N0} clients of {options.Therapists} therapists, {options.Days} days on the current plan, " +
    $"{options.HistoryDays} days of history in all, as of {dataset.Today}");

await using var connection = new NpgsqlConnection(options.ConnectionString);
await connection.OpenAsync();
await BulkLoader.ClearAsync(connection);
await BulkLoader.SkipForeignKeyChecksAsync(connection);

var load = Stopwatch.StartNew();
var counts = await BulkLoader.LoadAsync(connection, dataset, new ProgressBar(options.Clients));
load.Stop();

await using (var analyze = new NpgsqlCommand("ANALYZE", connection))
{
    await analyze.ExecuteNonQueryAsync();
}

Directory.CreateDirectory(options.OutputDirectory);
await IdFiles.WriteAsync(options, dataset);

var perSecond = counts.Completions / Math.Max(load.Elapsed.TotalSeconds, 0.001);
Console.WriteLine(
    $"loaded {counts.Plans:N0} plans, {counts.Assignments:N0} assignments, {counts.Completions:N0} completions, " +
    $"{counts.Skips:N0} skips in {load.Elapsed.TotalSeconds:F1} s ({perSecond:N0} completions/s); total {total.Elapsed.TotalSeconds:F1} s");

// One line for scripts: key=value pairs.
await File.WriteAllTextAsync(
    Path.Combine(options.OutputDirectory, "load.txt"),
    $"completions={counts.Completions} skips={counts.Skips} plans={counts.Plans} seconds={load.Elapsed.TotalSeconds:F2}\n");
return 0;

static string Redacted(string connectionString)
{
    var builder = new NpgsqlConnectionStringBuilder(connectionString) { Password = null };
    return builder.ConnectionString;
}
