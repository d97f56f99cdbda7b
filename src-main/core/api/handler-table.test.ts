import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { combineHandlers } from './combine-handlers';
import { defineHandler } from './define-handler';
import { channelRoutes, handlerTable } from './handler-table';

const noop = defineHandler(z.unknown(), { reads: true }, () => null);

describe('combineHandlers', () => {
  it('joins the groups into one table', () => {
    const table = combineHandlers({ 'a.list': noop }, { 'b.list': noop, 'b.get': noop });
    expect(Object.keys(table)).toEqual(['a.list', 'b.list', 'b.get']);
  });

  it('throws on a channel name defined twice, naming it', () => {
    expect(() => combineHandlers({ 'a.list': noop }, { 'b.list': noop }, { 'a.list': noop })).toThrow(
      'Duplicate handler channel "a.list"',
    );
  });
});

describe('the handler table', () => {
  it('says of every handler whether it reads or writes, never both', () => {
    for (const [channel, handler] of Object.entries(handlerTable)) {
      expect(Boolean(handler.meta.reads) !== Boolean(handler.meta.writes), channel).toBe(true);
    }
  });

  it('routes reads to the readers and the rest to the writer', () => {
    const routes = channelRoutes();
    expect(routes['currencies.list']).toBe('read');
    expect(routes['interchange.export']).toBe('read');
    expect(routes['engine.status']).toBe('read');
    expect(routes['engine.checkNow']).toBe('write');
    expect(routes['engine.cancelCheck']).toBe('write');
    expect(routes['interchange.apply']).toBe('write');
    expect(Object.keys(routes).sort()).toEqual(Object.keys(handlerTable).sort());
  });

  it('lets only the checks need the scheduler lease', () => {
    const leased = Object.entries(handlerTable).filter(([, handler]) => handler.meta.needsLease);
    expect(leased.map(([channel]) => channel)).toEqual(['engine.checkNow']);
  });
});
