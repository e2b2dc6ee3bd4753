using Clinic.Domain.Plans;
using NetArchTest.Rules;

namespace Clinic.Api.Tests.Foundation;

public sealed class ArchitectureTests
{
    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Npgsql")]
    [InlineData("Clinic.Infrastructure")]
    [InlineData("Clinic.Api")]
    public void Domain_depends_on_no_infrastructure(string forbidden)
    {
        var result = Types.InAssembly(typeof(HomeworkPlan).Assembly).ShouldNot().HaveDependencyOn(forbidden).GetResult();
        Assert.True(result.IsSuccessful, $"Domain types depending on {forbidden}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Api_leaves_the_database_driver_to_infrastructure()
    {
        // SQL text, batches and row readers live in Clinic.Infrastructure; the API speaks EF Core at most.
        var result = Types.InAssembly(typeof(Program).Assembly).ShouldNot().HaveDependencyOn("Npgsql").GetResult();
        Assert.True(result.IsSuccessful, $"API types depending on Npgsql: {string.Join(", ", result.FailingTypeNames ?? [])}");
        Assert.DoesNotContain(typeof(Program).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("Npgsql", StringComparison.Ordinal));
    }

    [Fact]
    public void Domain_assembly_references_neither_ef_core_nor_asp_net_core()
    {
        var references = typeof(HomeworkPlan).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }
}
