"""Evidence kept before uploads were checked: its type becomes the one sniffed from its bytes (the
uploader's declared type is dropped; active or unknown content becomes a plain download)."""

from django.db import migrations


def sniff_existing(apps, schema_editor):
    from prongsai.web.files.sniff import stored_type

    Evidence = apps.get_model("plans", "Evidence")
    for row in Evidence.objects.exclude(file="").only("id", "file", "content_type").iterator():
        try:
            with row.file.open("rb") as handle:
                content = handle.read()
        except (FileNotFoundError, OSError):
            content = b""  # a missing file cannot be served anyway; nothing it claims is kept
        sniffed = stored_type(content)
        if sniffed != row.content_type:
            Evidence.objects.filter(pk=row.pk).update(content_type=sniffed)


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(sniff_existing, migrations.RunPython.noop)]
