using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Clinic.Infrastructure.Persistence;

/// <summary>Lets the EF tools build the model (for migrations) without starting the API.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ClinicDbContext>
{
    public ClinicDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ClinicDbContext>();
        DependencyInjection.Configure(builder, "Host=localhost;Database=clinic_design");
        return new ClinicDbContext(builder.Options);
    }
}
