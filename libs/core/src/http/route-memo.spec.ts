import type { ExecutionContext } from '@nestjs/common';
import { RouteMemo } from './route-memo';

const route = (controller: unknown, handler: unknown) => ({ getClass: () => controller, getHandler: () => handler }) as ExecutionContext;

describe('RouteMemo', () => {
  it('computes once per controller and handler, and apart for a handler inherited by another controller', () => {
    const computed: string[] = [];
    const memo = new RouteMemo((context) => {
      const name = `${(context.getClass() as { name: string }).name}.${(context.getHandler() as { name: string }).name}`;
      computed.push(name);
      return name;
    });
    class Base {
      list() {}
    }
    class Other extends Base {}
    expect([memo.get(route(Base, Base.prototype.list)), memo.get(route(Base, Base.prototype.list))]).toEqual(['Base.list', 'Base.list']);
    expect(memo.get(route(Other, Other.prototype.list))).toBe('Other.list');
    expect(computed).toEqual(['Base.list', 'Other.list']);
  });

  it('keeps a computed null (a route with nothing to remember) without computing it again', () => {
    let calls = 0;
    const memo = new RouteMemo(() => (calls++, null));
    class C {
      h() {}
    }
    expect([memo.get(route(C, C.prototype.h)), memo.get(route(C, C.prototype.h))]).toEqual([null, null]);
    expect(calls).toBe(1);
  });
});
