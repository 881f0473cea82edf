-- Customer funnel from orders alone (PRODUCT.md § Funnel conversion: first purchase -> second
-- purchase -> 4+ orders -> tier A). One row per stage; none when no customer ordered in the window.
with
orders_per_customer as (
    {customer_order_counts}
),

stages (stage_index, stage, min_orders, needs_tier_a) as (
    -- nested: each stage keeps only customers who reached the one before, so conversion <= 1
    values
        (1, 'first_purchase', 1, false),
        (2, 'second_purchase', 2, false),
        (3, 'repeat_4', $repeat_orders, false),
        (4, 'tier_a', $repeat_orders, true)
),

reached as (
    select
        stages.stage_index,
        stages.stage,
        count(orders_per_customer.customer) as reached
    from stages
    left join orders_per_customer
        on stages.min_orders <= orders_per_customer.order_count
        and (orders_per_customer.is_tier_a or not stages.needs_tier_a)
    where
        exists (
            select 1 from orders_per_customer as any_customer
            where any_customer.order_count > 0
        )
    group by stages.stage_index, stages.stage
)

select
    stage_index::bigint as stage_index,
    stage,
    reached::bigint as reached,
    -- null for the first stage, and when nobody reached the stage before (never 0/0)
    (reached / nullif(lag(reached) over (order by stage_index), 0))::double as conversion
from reached
order by stage_index
