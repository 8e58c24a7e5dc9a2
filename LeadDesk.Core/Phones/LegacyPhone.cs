using LeadDesk.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Core.Phones;

/// <summary>
/// A lead's phone as the hand-written normaliser stored it (<c>+</c> and whatever digits were typed), queued by the
/// migration <c>PhoneNumbers</c> until <see cref="LegacyPhoneUpgrade"/> has read it again as E.164. Empty once it has run.
/// </summary>
public class LegacyPhone
{
    public Guid LeadId { get; private set; }
    public string Phone { get; private set; } = "";
}

internal sealed class LegacyPhoneConfiguration : IEntityTypeConfiguration<LegacyPhone>
{
    public void Configure(EntityTypeBuilder<LegacyPhone> builder)
    {
        builder.ToTable("LegacyPhones");
        builder.HasKey(p => p.LeadId);
        builder.Property(p => p.Phone).HasMaxLength(LeadLimits.PhoneMaxLength);
        builder.HasOne<Lead>().WithOne().HasForeignKey<LegacyPhone>(p => p.LeadId).OnDelete(DeleteBehavior.Cascade);
    }
}
