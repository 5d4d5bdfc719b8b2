import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { CalendarController } from './calendar.controller';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [OutboxModule],
  controllers: [NotificationsController, CalendarController],
  providers: [NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
