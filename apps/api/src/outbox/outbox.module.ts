import { Module } from '@nestjs/common';
import { OutboxDeliverer } from './outbox-deliverer.service';

@Module({ providers: [OutboxDeliverer], exports: [OutboxDeliverer] })
export class OutboxModule {}
