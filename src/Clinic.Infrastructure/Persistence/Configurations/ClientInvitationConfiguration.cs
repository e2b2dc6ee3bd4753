using Clinic.Domain.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clinic.Infrastructure.Persistence.Configurations;

internal sealed class ClientInvitationConfiguration : IEntityTypeConfiguration<ClientInvitation>
{
    public void Configure(EntityTypeBuilder<ClientInvitation> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.CodeHash).HasMaxLength(64);
        builder.Property(i => i.CreatedBy).HasMaxLength(128);
        builder.HasOne<Client>().WithMany().HasForeignKey(i => i.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => i.CodeHash).IsUnique();
        builder.HasIndex(i => i.ClientId);
    }
}
