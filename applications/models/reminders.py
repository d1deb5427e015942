from django.db import models


class ReminderLog(models.Model):
    """One reminder e-mail about one application on one day: keeps `send_reminders` to once a day."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "sent_on"], name="one_reminder_a_day")]

    def __str__(self) -> str:
        return f"{self.application_id} {self.sent_on}"
