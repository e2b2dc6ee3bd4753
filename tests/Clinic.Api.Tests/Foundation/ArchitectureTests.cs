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
    public void Domain_assembly_references_neither_ef_core_nor_asp_net_core()
    {
        var references = typeof(HomeworkPlan).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }
}
