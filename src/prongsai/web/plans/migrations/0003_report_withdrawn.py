from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_evidence_content_type")]

    operations = [
        migrations.AddField(
            model_name="implementationreport",
            name="withdrawn_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="ถอนการเผยแพร่เมื่อ"),
        ),
        migrations.AddField(
            model_name="implementationreport",
            name="withdrawn_note",
            field=models.TextField(blank=True, verbose_name="เหตุผลที่ถอนการเผยแพร่"),
        ),
    ]
