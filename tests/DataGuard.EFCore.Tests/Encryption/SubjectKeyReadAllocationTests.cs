using DataGuard.EFCore.Encryption;
using DataGuard.EFCore.Tests.Keys;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Encryption;

/// <summary>A subject-key read decrypts a row in the materializer; with the subject's key cached it allocates nothing
/// beyond the plaintexts (no boxed id, no string of the id per row: benchmarks/README.md, Fourth round).</summary>
public sealed class SubjectKeyReadAllocationTests
{
    [Fact]
    public async Task Decrypting_a_row_whose_subject_key_is_cached_allocates_only_its_plaintexts()
    {
        await using var database = new SqliteClinicDatabase();
        await using var host = await database.HostAsync();
        var id = Guid.NewGuid();
        var subject = id.ToString("D");
        var key = (await host.Services.GetRequiredService<SubjectKeyRing>().ResolveForWriteAsync([subject], CancellationToken.None))[subject].Key!;
        await host.WithContextAsync(db =>
        {
            var binding = SubjectEncryptionBinding.For(db.Model.FindEntityType(typeof(Patient))!, EncryptionServices.ApplicationServices(db))!;
            var context = new ValueContext(key, subject, null);
            var plaintexts = new Dictionary<string, object>
            {
                [nameof(Patient.Email)] = "ana.silva@example.com",
                [nameof(Patient.Name)] = "Ana Silva",
                [nameof(Patient.Phone)] = "+351 912 345 678",
                [nameof(Patient.Photo)] = new byte[] { 1, 2, 3, 4 },
            };
            var fields = binding.Fields;
            Assert.Equal(plaintexts.Keys.Order(), fields.Select(static f => f.Property.Name).Order());
            var stored = Array.ConvertAll(fields, f => f.Form.Encrypt(f.Column, plaintexts[f.Property.Name], context));
            var patient = new Patient { Id = id };

            long DecryptRows()
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var row = 0; row < 20; row++)
                {
                    for (var i = 0; i < fields.Length; i++)
                    {
                        fields[i].Set(patient, stored[i]);
                    }

                    binding.Decrypt(patient);
                }

                return GC.GetAllocatedBytesForCurrentThread() - before;
            }

            long DecryptValuesAlone()
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var row = 0; row < 20; row++)
                {
                    for (var i = 0; i < fields.Length; i++)
                    {
                        _ = fields[i].Form.Decrypt(fields[i].Column, stored[i], context);
                    }
                }

                return GC.GetAllocatedBytesForCurrentThread() - before;
            }

            DecryptRows(); // warm
            DecryptValuesAlone();
            Assert.Equal(("ana.silva@example.com", "Ana Silva", "+351 912 345 678"), (patient.Email, patient.Name, patient.Phone));
            Assert.Equal(DecryptValuesAlone(), DecryptRows());
            return Task.CompletedTask;
        });
    }
}
