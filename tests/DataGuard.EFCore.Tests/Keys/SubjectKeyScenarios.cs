using DataGuard.Audit;
using DataGuard.EFCore.Audit;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>Subject keys and crypto-shredding, run against SQLite and PostgreSQL.</summary>
internal static class SubjectKeyScenarios
{
    public static Patient Ana() => new()
    {
        Id = Guid.NewGuid(), Email = "ana.silva@example.com", Name = "Ana Silva", Phone = "+351 912 345 678", Photo = [1, 2, 3, 250],
        Ward = "ward-a", CreatedAt = ClinicHost.Start.UtcDateTime,
    };

    public static Patient Jonas() => new()
    {
        Id = Guid.NewGuid(), Email = "jonas.weber@example.org", Name = "Jonas Weber", Phone = "+49 151 2345 6789",
        Ward = "ward-b", CreatedAt = ClinicHost.Start.UtcDateTime,
    };

    private static Task SaveAsync(ClinicHost host, params object[] entities) => host.WithContextAsync(async db =>
    {
        db.AddRange(entities);
        await db.SaveChangesAsync();
    });

    private static Task<string> RawEmailAsync(ClinicHost host, string ward) => host.WithContextAsync(db =>
        db.Database.SqlQueryRaw<string>("SELECT \"Email\" AS \"Value\" FROM \"Patients\" WHERE \"Ward\" = {0}", ward).SingleAsync());

    public static async Task Values_round_trip_and_the_database_holds_no_plaintext(ClinicDatabase database)
    {
        await using var host = await database.HostAsync();
        var ana = Ana();
        var jonas = Jonas();
        await host.WithContextAsync(async db =>
        {
            db.AddRange(ana, jonas, new Consultation { PatientId = ana.Id, Notes = "persistent migraine, referred" }, new Note { Text = "no subject here" });
            await db.SaveChangesAsync();

            // After the save the entities hold plaintext again and nothing is left to save.
            Assert.Equal(("ana.silva@example.com", EntityState.Unchanged), (ana.Email, db.Entry(ana).State));
            Assert.False(db.ChangeTracker.HasChanges());
        });

        var dump = await database.DumpAsync(host);
        foreach (var secret in new[] { ana.Email, ana.Name, ana.Phone!, jonas.Email, jonas.Name, "persistent migraine" })
        {
            Assert.False(dump.Contains(secret, StringComparison.Ordinal), "the database holds a plaintext personal value");
        }

        var raw = await RawEmailAsync(host, "ward-a");
        Assert.True(FieldFormat.TryReadTextHeader(raw, out _, out var flags, out _));
        Assert.Equal(FieldFlags.SubjectKey, flags);

        await host.WithContextAsync(async db =>
        {
            var tracked = await db.Patients.SingleAsync(p => p.Id == ana.Id);
            Assert.Equal((ana.Email, ana.Name, ana.Phone), (tracked.Email, tracked.Name, tracked.Phone));
            Assert.Equal(ana.Photo, tracked.Photo);
            Assert.False(db.Entry(tracked).IsShredded());

            var untracked = await db.Patients.AsNoTracking().OrderBy(p => p.Ward).ToListAsync();
            Assert.Equal([ana.Email, jonas.Email], untracked.Select(p => p.Email));
            Assert.Null(untracked[1].Photo);
            Assert.Equal("persistent migraine, referred", (await db.Consultations.AsNoTracking().SingleAsync()).Notes);
            Assert.Equal("no subject here", (await db.Notes.SingleAsync()).Text);
            Assert.Equal(jonas.Id, (await db.Patients.WhereEncrypted(p => p.Email, " JONAS.weber@example.org").SingleAsync()).Id);
        });
    }

    public static async Task Shredding_a_subject_makes_only_its_fields_unreadable(ClinicDatabase database)
    {
        await using var host = await database.HostAsync();
        var ana = Ana();
        var jonas = Jonas();
        await SaveAsync(host, ana, jonas, new Consultation { PatientId = ana.Id, Notes = "ana's notes" },
            new Consultation { PatientId = jonas.Id, Notes = "jonas's notes" });

        await using var before = await database.HostAsync(); // another instance, which has read ana's key already
        await before.WithContextAsync(async db => Assert.Equal(ana.Email, (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == ana.Id)).Email));

        await host.Keys.ShredAsync(ana.Id);
        await host.Keys.ShredAsync(ana.Id); // idempotent

        // That instance decrypts from its cache until the cached key is older than KeyRefreshInterval.
        await before.WithContextAsync(async db => Assert.Equal(ana.Email, (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == ana.Id)).Email));
        before.Clock.Advance(TimeSpan.FromMinutes(6));
        await before.WithContextAsync(async db =>
        {
            var stale = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == ana.Id);
            Assert.True(db.Entry(stale).IsShredded());
            Assert.Null(stale.Email);
        });

        var shredded = Assert.Single(host.Audit.Events, static e => e.Action == AuditActions.SubjectShredded);
        Assert.Equal((SubjectId)ana.Id, shredded.SubjectId);
        Assert.DoesNotContain(ana.Email, shredded.Details ?? "", StringComparison.Ordinal);

        // This instance, and another one whose key cache never saw the subject.
        await using var other = await database.HostAsync();
        foreach (var instance in new[] { host, other })
        {
            await instance.WithContextAsync(async db =>
            {
                foreach (var patients in new[] { await db.Patients.OrderBy(p => p.Ward).ToListAsync(),
                    await db.Patients.AsNoTracking().OrderBy(p => p.Ward).ToListAsync() })
                {
                    var (a, j) = (patients[0], patients[1]);
                    Assert.True(db.Entry(a).IsShredded());
                    Assert.Equal((null, null, null, null, "ward-a"), ((string?)a.Email, (string?)a.Name, a.Phone, a.Photo, a.Ward));
                    Assert.False(db.Entry(j).IsShredded());
                    Assert.Equal((jonas.Email, jonas.Name, jonas.Phone), (j.Email, j.Name, j.Phone));
                }

                var notes = await db.Consultations.AsNoTracking().ToDictionaryAsync(c => c.PatientId, c => c.Notes);
                Assert.Null(notes[ana.Id]);
                Assert.Equal("jonas's notes", notes[jonas.Id]);
            });
        }

        // A shredded row still takes changes to its other columns, but never new personal data.
        await host.WithContextAsync(async db =>
        {
            var a = await db.Patients.SingleAsync(p => p.Id == ana.Id);
            a.Ward = "ward-c";
            Assert.Equal(1, await db.SaveChangesAsync());
            a.Email = "ana.new@example.com";
            var ex = await Assert.ThrowsAsync<DataGuardCryptoException>(() => db.SaveChangesAsync());
            Assert.Equal(("Patient", "Email"), (ex.Entity, ex.Property));
            Assert.DoesNotContain("ana.new", ex.Message, StringComparison.Ordinal);
        });

        Assert.Single(host.Audit.Events, static e => e.Action == AuditActions.SubjectShredded);
    }

    public static async Task A_subject_shredded_before_its_first_write_never_gets_a_key(ClinicDatabase database)
    {
        await using var host = await database.HostAsync();
        var ana = Ana();
        await host.Keys.ShredAsync(ana.Id);
        var ex = await Assert.ThrowsAsync<DataGuardCryptoException>(() => SaveAsync(host, ana));
        Assert.Contains("shredded", ex.Message, StringComparison.Ordinal);

        var keys = await host.WithContextAsync(db => db.Set<DataKeyRecord>().AsNoTracking().Where(k => k.SubjectId != null).ToListAsync());
        var tombstone = Assert.Single(keys);
        Assert.Equal((ana.Id.ToString(), DataKeyKind.Subject, DataKeyStatus.Shredded, (byte[]?)null),
            (tombstone.SubjectId, tombstone.Kind, tombstone.Status, tombstone.WrappedKey));
    }

    public static async Task A_value_moved_to_another_subjects_row_is_detected(ClinicDatabase database)
    {
        await using var host = await database.HostAsync();
        var ana = Ana();
        var jonas = Jonas();
        await SaveAsync(host, ana, jonas);
        var anaEmail = await RawEmailAsync(host, "ward-a");
        using (DataGuard.EFCore.Audit.DataGuardStatements.Begin()) // the attacker writes past DataGuard's ExecuteUpdate guard
        {
            await host.WithContextAsync(db => db.Patients.Where(p => p.Ward == "ward-b").ExecuteUpdateAsync(s => s.SetProperty(p => p.Email, anaEmail)));
        }

        await host.WithContextAsync(async db =>
        {
            var ex = await Assert.ThrowsAsync<DataGuardCryptoException>(() => db.Patients.AsNoTracking().SingleAsync(p => p.Id == jonas.Id));
            Assert.Equal(("Patient", "Email"), (ex.Entity, ex.Property));
            Assert.NotNull(ex.KeyId);
            Assert.Contains("another subject", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(ana.Email, ex.Message, StringComparison.Ordinal);
            Assert.Equal(ana.Email, (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == ana.Id)).Email);
        });
    }

    public static async Task Reading_marks_nothing_changed_and_a_change_writes_one_update(ClinicDatabase database)
    {
        await using var host = await database.HostAsync();
        var ana = Ana();
        await SaveAsync(host, ana, Jonas(), new Consultation { PatientId = ana.Id, Notes = "first" });

        await host.WithContextAsync(async db =>
        {
            var patients = await db.Patients.ToListAsync();
            await db.Consultations.ToListAsync();
            Assert.False(db.ChangeTracker.HasChanges());
            Assert.All(db.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));
            var before = host.Commands.Commands.Count;
            Assert.Equal(0, await db.SaveChangesAsync());
            Assert.DoesNotContain(host.Commands.Commands.Skip(before), static c => c.Contains("UPDATE", StringComparison.OrdinalIgnoreCase));

            var a = patients.Single(p => p.Id == ana.Id);
            a.Name = "Ana S. Costa";
            before = host.Commands.Commands.Count;
            Assert.Equal(1, await db.SaveChangesAsync());
            Assert.Single(host.Commands.Commands.Skip(before), static c => c.Contains("UPDATE", StringComparison.OrdinalIgnoreCase));
            Assert.Equal("Ana S. Costa", a.Name);
            Assert.Equal(ana.Email, a.Email);
            Assert.Equal(EntityState.Unchanged, db.Entry(a).State);
            Assert.False(db.ChangeTracker.HasChanges());
        });

        await host.WithContextAsync(async db => Assert.Equal("Ana S. Costa", (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == ana.Id)).Name));
        Assert.False((await database.DumpAsync(host)).Contains("Ana S. Costa", StringComparison.Ordinal));
    }

    public static async Task An_entity_created_through_its_constructor_is_decrypted_too(ClinicDatabase database)
    {
        await using var host = await database.HostAsync();
        var ana = Ana();
        var referral = new Referral(Guid.NewGuid(), ana.Id, "suspected arrhythmia") { Specialist = "Dr. Okafor, cardiology" };
        await SaveAsync(host, ana, referral);

        await host.WithContextAsync(async db =>
        {
            var read = await db.Referrals.SingleAsync();
            Assert.Equal(("suspected arrhythmia", "Dr. Okafor, cardiology", ana.Id), (read.Reason, read.Specialist, read.PatientId));
            Assert.Equal(EntityState.Unchanged, db.Entry(read).State);
            Assert.False(db.ChangeTracker.HasChanges());
            var untracked = await db.Referrals.AsNoTracking().SingleAsync();
            Assert.Equal(("suspected arrhythmia", "Dr. Okafor, cardiology"), (untracked.Reason, untracked.Specialist));
        });

        var dump = await database.DumpAsync(host);
        Assert.DoesNotContain("arrhythmia", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("Okafor", dump, StringComparison.Ordinal);
    }

    public static async Task Projections_of_subject_key_properties_are_rejected_and_entities_in_projections_are_decrypted(ClinicDatabase database)
    {
        await using var host = await database.HostAsync();
        var ana = Ana();
        await SaveAsync(host, ana);
        await host.WithContextAsync(async db =>
        {
            var ex = await Assert.ThrowsAsync<DataGuardException>(() => db.Patients.Select(p => p.Email).ToListAsync());
            Assert.Contains("Patient.Email", ex.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<DataGuardException>(() => db.Patients.Select(p => new { p.Id, p.Name }).ToListAsync());
            await Assert.ThrowsAsync<DataGuardException>(() => db.Patients.OrderBy(p => p.Name).ToListAsync());

            var row = await db.Patients.AsNoTracking().Where(p => p.Phone != null).Select(p => new { Entity = p, p.Ward }).SingleAsync();
            Assert.Equal((ana.Email, "ward-a"), (row.Entity.Email, row.Ward));
        });
    }

    public static async Task Reading_many_subjects_fetches_their_keys_in_batches(ClinicDatabase database, int subjects)
    {
        var patients = Enumerable.Range(0, subjects).Select(i => new Patient
        {
            Id = Guid.NewGuid(), Email = $"p{i}@example.com", Name = $"Patient {i}", Ward = "ward-" + (i % 7), CreatedAt = ClinicHost.Start.UtcDateTime,
        }).ToList();
        await using (var writer = await database.HostAsync())
        {
            await SaveAsync(writer, [.. patients]);
            // Reads the subjects' keys in chunks of 500 and creates the missing ones in one SaveChanges (one transaction;
            // SQLite's provider sends an INSERT per row, PostgreSQL's batches them).
            Assert.InRange(writer.SubjectKeyReads, 1, (subjects / 500) + 1);
        }

        // A fresh instance: nothing cached.
        await using var reader = await database.HostAsync();
        var byId = patients.ToDictionary(p => p.Id);
        await reader.WithContextAsync(async db =>
        {
            // In Guid order: unrelated to the order in which the subjects' keys were created.
            var read = await db.Patients.OrderBy(p => p.Id).ToListAsync();
            Assert.Equal(subjects, read.Count);
            Assert.All(read, p => Assert.Equal(byId[p.Id].Email, p.Email));
        });
        Assert.InRange(reader.SubjectKeyReads, 1, (subjects / SubjectKeyRing.FetchWindow) + 1);

        await reader.WithContextAsync(async db => Assert.Equal(subjects, (await db.Patients.AsNoTracking().ToListAsync()).Count(p => p.Email.StartsWith('p'))));
        Assert.InRange(reader.SubjectKeyReads, 1, (subjects / SubjectKeyRing.FetchWindow) + 1); // served from the cache

        // Once the cache is stale (KeyRefreshInterval), the keys are read again a block at a time, not per row.
        reader.Clock.Advance(TimeSpan.FromMinutes(6));
        await reader.WithContextAsync(async db => Assert.Equal(subjects, (await db.Patients.AsNoTracking().ToListAsync()).Count(p => p.Email.StartsWith('p'))));
        Assert.InRange(reader.SubjectKeyReads, 2, 2 * ((subjects / SubjectKeyRing.FetchWindow) + 1));
    }

    public static async Task A_damaged_or_swapped_subject_key_record_fails_clearly(ClinicDatabase database)
    {
        var ana = Ana();
        var jonas = Jonas();
        await using (var host = await database.HostAsync())
        {
            await SaveAsync(host, ana, jonas);
            await host.WithContextAsync(async db =>
            {
                var keys = await db.Set<DataKeyRecord>().AsNoTracking().Where(k => k.SubjectId != null).ToDictionaryAsync(k => k.SubjectId!);
                var truncated = keys[ana.Id.ToString()].WrappedKey![..20];
                await db.Set<DataKeyRecord>().Where(k => k.SubjectId == ana.Id.ToString()).ExecuteUpdateAsync(s => s.SetProperty(k => k.WrappedKey, truncated));
            });
        }

        int anaKey;
        await using (var host = await database.HostAsync())
        {
            anaKey = await host.WithContextAsync(db => db.Set<DataKeyRecord>().Where(k => k.SubjectId == ana.Id.ToString()).Select(k => k.Id).SingleAsync());
            await host.WithContextAsync(async db =>
            {
                var ex = await Assert.ThrowsAsync<DataGuardCryptoException>(() => db.Patients.AsNoTracking().SingleAsync(p => p.Id == ana.Id));
                Assert.Equal(anaKey, ex.KeyId);
                Assert.Contains("could not be unwrapped", ex.Message, StringComparison.Ordinal);
                Assert.Equal(jonas.Email, (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == jonas.Id)).Email);
            });

            // Another subject's (valid) key in ana's record: unwraps, but authenticates nothing of hers.
            await host.WithContextAsync(async db =>
            {
                var jonasWrapped = await db.Set<DataKeyRecord>().Where(k => k.SubjectId == jonas.Id.ToString()).Select(k => k.WrappedKey).SingleAsync();
                await db.Set<DataKeyRecord>().Where(k => k.SubjectId == ana.Id.ToString()).ExecuteUpdateAsync(s => s.SetProperty(k => k.WrappedKey,
                    jonasWrapped));
            });
        }

        await using (var host = await database.HostAsync())
        {
            await host.WithContextAsync(async db =>
            {
                var ex = await Assert.ThrowsAsync<DataGuardCryptoException>(() => db.Patients.AsNoTracking().SingleAsync(p => p.Id == ana.Id));
                Assert.Equal(("Patient", anaKey), (ex.Entity, ex.KeyId));
                Assert.Contains("failed authentication", ex.Message, StringComparison.Ordinal);
            });
        }
    }

    public static async Task Derived_types_use_the_subject_key_too(ClinicDatabase database)
    {
        await using var host = await database.HostAsync();
        var vip = new VipPatient { Id = Guid.NewGuid(), Email = "vip@example.com", Name = "Very Important", Concierge = "Mr. Carson", Ward = "ward-v",
            CreatedAt = ClinicHost.Start.UtcDateTime };
        await SaveAsync(host, vip, Jonas());
        Assert.False((await database.DumpAsync(host)).Contains("Mr. Carson", StringComparison.Ordinal));
        await host.WithContextAsync(async db => Assert.Equal("Mr. Carson", (await db.VipPatients.AsNoTracking().SingleAsync()).Concierge));

        await host.Keys.ShredAsync(vip.Id);
        await host.WithContextAsync(async db =>
        {
            var read = (VipPatient)await db.Patients.SingleAsync(p => p.Id == vip.Id);
            Assert.True(db.Entry(read).IsShredded());
            Assert.Equal(((string?)null, (string?)null), (read.Concierge, (string?)read.Email));
        });
    }

    public static async Task Retention_shreds_the_subjects_of_due_rows_and_keeps_held_and_recent_ones(ClinicDatabase database)
    {
        await using var host = await database.HostAsync(o => o.Retention.BatchSize = 2);
        var start = ClinicHost.Start.UtcDateTime;
        Patient Aged(string ward, DateTime createdAt)
            => new() { Id = Guid.NewGuid(), Email = ward + "@example.com", Name = "Name " + ward, Ward = ward, CreatedAt = createdAt };
        var due = new[] { Aged("old-1", start.AddDays(-31)), Aged("old-2", start.AddDays(-40)), Aged("old-3", start.AddDays(-30).AddTicks(-10)) };
        var held = Aged("held", start.AddDays(-31));
        var kept = new[] { Aged("boundary", start.AddDays(-30)), Aged("recent", start.AddDays(-10)) };
        await SaveAsync(host, [.. due, held, .. kept, new Consultation { PatientId = due[0].Id, Notes = "old notes" }]);
        await host.Holds.PlaceOnSubjectAsync(held.Id, "litigation", "dpo");

        var dry = (await host.Retention.RunAsync(dryRun: true)).Entities.Single(e => e.Entity == nameof(Patient));
        Assert.Equal((4L, 1L, 3L, 3L), (dry.Due, dry.Held, dry.Shredded, dry.SubjectsShredded));
        Assert.Empty(dry.Errors);
        Assert.DoesNotContain(host.Audit.Events, static e => e.Action == AuditActions.SubjectShredded);
        await host.WithContextAsync(async db => Assert.Equal(6, (await db.Patients.AsNoTracking().ToListAsync()).Count(p => p.Email is not null)));

        var run = await host.Retention.RunAsync();
        var patients = run.Entities.Single(e => e.Entity == nameof(Patient));
        Assert.Equal((4L, 1L, 3L, 3L), (patients.Due, patients.Held, patients.Shredded, patients.SubjectsShredded));
        Assert.Equal(3, run.Shredded);
        Assert.Equal(due.Select(p => p.Id.ToString()).Order(),
            host.Audit.Events.Where(static e => e.Action == AuditActions.SubjectShredded).Select(e => e.SubjectId!.Value.Value).Order());
        await host.WithContextAsync(async db =>
        {
            var read = await db.Patients.ToDictionaryAsync(p => p.Ward);
            Assert.All(due, p => Assert.True(db.Entry(read[p.Ward]).IsShredded() && read[p.Ward].Email is null));
            Assert.All(kept.Append(held), p => Assert.Equal(p.Email, read[p.Ward].Email));
            Assert.Null((await db.Consultations.SingleAsync()).Notes);
            Assert.Equal(7, await db.Patients.CountAsync() + await db.Consultations.CountAsync()); // rows stay
        });

        var rerun = (await host.Retention.RunAsync()).Entities.Single(e => e.Entity == nameof(Patient));
        Assert.Equal((4L, 0L), (rerun.Due, rerun.Shredded));
    }

    public static async Task Retention_does_not_shred_a_subject_whose_records_the_law_still_keeps(ClinicDatabase database)
    {
        await using var host = await database.HostAsync();
        var start = ClinicHost.Start.UtcDateTime;
        var treated = new Patient { Id = Guid.NewGuid(), Email = "treated@example.com", Name = "Treated", Ward = "treated", CreatedAt = start.AddDays(-40) };
        var discharged = new Patient { Id = Guid.NewGuid(), Email = "gone@example.com", Name = "Gone", Ward = "gone", CreatedAt = start.AddDays(-40) };
        await SaveAsync(host, treated, discharged, new Prescription { PatientId = treated.Id, Drug = "amoxicillin", IssuedOn = start.AddYears(-1) });

        var patients = (await host.Retention.RunAsync()).Entities.Single(e => e.Entity == nameof(Patient));

        Assert.Equal((2L, 1L, 1L, 1L), (patients.Due, patients.Held, patients.Shredded, patients.SubjectsShredded));
        Assert.Equal([discharged.Id.ToString()],
            host.Audit.Events.Where(static e => e.Action == AuditActions.SubjectShredded).Select(e => e.SubjectId!.Value.Value));
        await host.WithContextAsync(async db =>
        {
            Assert.Equal("amoxicillin", (await db.Prescriptions.SingleAsync()).Drug);
            var read = await db.Patients.ToDictionaryAsync(p => p.Ward);
            Assert.Equal("treated@example.com", read["treated"].Email);
            Assert.True(db.Entry(read["gone"]).IsShredded());
            Assert.Empty(await db.Patients.WhereEncrypted(p => p.Email, "gone@example.com").ToListAsync()); // blind index cleared
            Assert.Single(await db.Patients.WhereEncrypted(p => p.Email, "treated@example.com").ToListAsync());
        });
    }

    public static async Task Retention_shreds_nobody_while_an_entity_type_subjects_own_is_on_hold(ClinicDatabase database)
    {
        await using var host = await database.HostAsync();
        var start = ClinicHost.Start.UtcDateTime;
        var gone = new Patient { Id = Guid.NewGuid(), Email = "gone@example.com", Name = "Gone", Ward = "gone", CreatedAt = start.AddDays(-40) };
        await SaveAsync(host, gone);
        await host.Holds.PlaceOnEntityTypeAsync(nameof(Prescription), "audit by the health authority", "dpo");

        var patients = (await host.Retention.RunAsync()).Entities.Single(e => e.Entity == nameof(Patient));

        Assert.Equal((1L, 1L, 0L), (patients.Due, patients.Held, patients.Shredded));
        Assert.DoesNotContain(host.Audit.Events, static e => e.Action == AuditActions.SubjectShredded);
        await host.WithContextAsync(async db => Assert.Equal("gone@example.com", (await db.Patients.SingleAsync()).Email));
    }
}
