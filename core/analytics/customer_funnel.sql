-- Customer funnel from orders alone (PRODUCT.md § Funnel conversion: first purchase -> second
-- purchase -> 4+ orders -> tier A). One row per stage; none when no customer ordered in the window.
with
orders_in_window as (
    select customer, amount, order_key
    from window_orders($region, $industry, $team, $account_manager, $product, $customer_type, $as_of, $window_days)
),
tier_a_customers as (
    select unnest($tier_a_customers::varchar[]) as customer
),
orders_per_customer as (
    select
        orders_in_window.customer,
        count(distinct order_key) filter (where amount > 0) as order_count,
        bool_or(tier_a_customers.customer is not null) as is_tier_a
    from orders_in_window
    left join tier_a_customers using (customer)
    group by orders_in_window.customer
),
stages(stage_index, stage, min_orders, needs_tier_a) as (
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
        on orders_per_customer.order_count >= stages.min_orders
        and (orders_per_customer.is_tier_a or not stages.needs_tier_a)
    where exists (select 1 from orders_per_customer where order_count > 0)
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
