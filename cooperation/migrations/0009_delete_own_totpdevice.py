from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0008_django_otp_devices"),
    ]

    operations = [
        migrations.DeleteModel(name="TOTPDevice"),
    ]
