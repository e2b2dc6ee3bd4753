namespace Clinic.Client.Tests;

/// <summary>A client generated from the served document works: it compiles, and the core flow runs through it.</summary>
public sealed class GeneratedClientTests(GeneratedClient generated) : IClassFixture<GeneratedClient>
{
    [Fact]
    public void Every_operation_is_a_method_named_after_its_operation_id()
    {
        var client = generated.Assembly.GetType($"{GeneratedClient.Namespace}.{GeneratedClient.ClassName}")!;

        Assert.Contains(client.GetMethods(), m => m.Name == "GetPlanAdherenceAsync");
        Assert.Contains(client.GetMethods(), m => m.Name == "SubmitCompletionAsync");
        Assert.DoesNotContain(client.GetMethods(), m => m.Name.StartsWith("ApiV1", StringComparison.Ordinal));
    }

    [Fact]
    public Task The_core_flow_runs_through_the_generated_client() => generated.RunAsync("CoreFlow");
}
